'use strict'
// Packs the npm packages as they are published, laid out as napi-rs lays them out:
//
//   oauth1-<version>.tgz             the main package: the JavaScript wrapper, the
//                                    loader (index.js), the typings, README and the
//                                    licences, with `optionalDependencies` on every
//                                    platform package of npm/ at exactly its version;
//   oauth1-<platform>-<version>.tgz  one per addon given: npm/<platform>/package.json
//                                    (os, cpu, libc, main), the addon, README, licences.
//
// Neither carries Rust sources or an install script: npm installs the platform
// package that matches the machine, and index.js loads the addon from it. The
// package.json here is the development one (private, with the scripts and
// devDependencies that build and test from source); the main package gets a copy
// without those. Every file a manifest lists must exist (npm pack would silently
// leave it out).
//
//   node scripts/pack.js OUT [ADDON...]   ADDON: a file named oauth1.<platform>.node
//                                         for one of npm/<platform>; prints the path
//                                         of each tarball written into OUT

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const root = path.resolve(here, '../..')
const LICENCES = ['LICENSE-MIT', 'LICENSE-APACHE']
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']

function fail (message) {
  console.error(`pack.js: ${message}`)
  process.exit(1)
}

function readJson (file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

/** Writes the staged package's manifest and checks what npm would run or leave out. */
function finishStage (stage, manifest) {
  for (const script of LIFECYCLE) {
    if (manifest.scripts && manifest.scripts[script]) fail(`${manifest.name} would have a ${script} script`)
  }
  for (const entry of manifest.files) {
    if (!fs.existsSync(path.join(stage, entry))) fail(`${manifest.name}: ${entry}, listed in files, is missing`)
  }
  if (fs.existsSync(path.join(stage, 'binding.gyp'))) fail(`${manifest.name}: binding.gyp would make npm run node-gyp`)
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
}

function npmPack (stage, out) {
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
    cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']
  })
  return path.join(out, JSON.parse(packed)[0].filename)
}

function main () {
  const [outArg, ...addons] = process.argv.slice(2)
  if (!outArg) fail('usage: node scripts/pack.js OUT [oauth1.<platform>.node...]')
  const out = path.resolve(outArg)
  const dev = readJson(path.join(here, 'package.json'))
  const binaryName = dev.napi.binaryName
  const npmDir = path.join(here, 'npm')
  const platforms = fs.readdirSync(npmDir).filter((p) => fs.existsSync(path.join(npmDir, p, 'package.json'))).sort()
  if (platforms.length === 0) fail('no npm/<platform>/package.json (run `npm run generate`)')

  fs.mkdirSync(out, { recursive: true })
  const stages = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-pack-'))
  process.on('exit', () => fs.rmSync(stages, { recursive: true, force: true }))
  const written = []

  // The platform packages first: the main package names them.
  for (const addon of addons) {
    const match = new RegExp(`^${binaryName}\\.(.+)\\.node$`).exec(path.basename(addon))
    if (!match || !platforms.includes(match[1])) {
      fail(`${addon}: not ${binaryName}.<platform>.node for a platform of npm/ (${platforms.join(', ')})`)
    }
    const platform = match[1]
    const manifest = readJson(path.join(npmDir, platform, 'package.json'))
    if (manifest.version !== dev.version) fail(`npm/${platform}/package.json is ${manifest.version}, package.json ${dev.version}`)
    if (manifest.main !== path.basename(addon)) fail(`npm/${platform}/package.json's main is not ${path.basename(addon)}`)
    const stage = path.join(stages, platform)
    fs.mkdirSync(stage)
    fs.copyFileSync(addon, path.join(stage, manifest.main))
    fs.copyFileSync(path.join(npmDir, platform, 'README.md'), path.join(stage, 'README.md'))
    for (const licence of LICENCES) fs.copyFileSync(path.join(root, licence), path.join(stage, licence))
    finishStage(stage, manifest)
    written.push(npmPack(stage, out))
  }

  // The main package: the development manifest without what only development needs.
  const manifest = { ...dev }
  delete manifest.private
  delete manifest.scripts
  delete manifest.devDependencies
  manifest.optionalDependencies = {}
  for (const platform of platforms) {
    const { name, version } = readJson(path.join(npmDir, platform, 'package.json'))
    if (version !== dev.version) fail(`npm/${platform}/package.json is ${version}, package.json ${dev.version}`)
    manifest.optionalDependencies[name] = version
  }
  const stage = path.join(stages, 'main')
  fs.mkdirSync(stage)
  for (const entry of manifest.files) {
    const from = LICENCES.includes(entry) ? path.join(root, entry) : path.join(here, entry)
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) fail(`${entry}, in package.json's files, is not a file (${from})`)
    fs.copyFileSync(from, path.join(stage, entry))
  }
  fs.copyFileSync(path.join(here, 'README.md'), path.join(stage, 'README.md'))
  finishStage(stage, manifest)
  written.push(npmPack(stage, out))

  for (const tarball of written) console.log(tarball)
}

main()
