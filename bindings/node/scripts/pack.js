'use strict'
// Packs the npm package as it would be published: a tarball that installs on its
// own, away from this repository. The addon's crate inherits its settings from the
// repository's Cargo workspace and depends on the core crate by path, so a plain
// `npm pack` would ship a Cargo.toml that cannot build. This stages the package in
// a directory with `rust/`: a two-member Cargo workspace (the core crate and the
// addon's) whose root manifest is the repository's with the members and the core's
// path changed, and the repository's Cargo.lock. scripts/build.js, the install
// script, builds `rust/node` when it is there. No prebuilt addon is included.
//
//   node scripts/pack.js [DIR]   writes DIR/oauth1-<version>.tgz (default: target/npm)
//                                and prints its path

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const root = path.resolve(here, '../..')

/** Copies `from` to `to`, directories recursively, skipping build output. */
function copy (from, to) {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => !['target', 'node_modules', 'proptest-regressions'].includes(path.basename(source))
  })
}

/** The repository's root manifest, made the root of the staged two-member workspace. */
function workspaceManifest () {
  const text = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const members = /^members = \[.*\]$/m
  const corePath = /^(oauth1 = \{ path = )"crates\/oauth1"/m
  if (!members.test(text) || !corePath.test(text)) {
    throw new Error('oauth1: the root Cargo.toml no longer has the members and oauth1 lines pack.js rewrites')
  }
  return text.replace(members, 'members = ["core", "node"]').replace(corePath, '$1"core"')
}

function main () {
  const out = path.resolve(process.argv[2] || path.join(root, 'target', 'npm'))
  const stage = path.join(out, 'package')
  fs.rmSync(stage, { recursive: true, force: true })
  fs.mkdirSync(path.join(stage, 'rust', 'node'), { recursive: true })

  const manifest = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'))
  const rustFiles = ['Cargo.toml', 'build.rs', 'src/']
  for (const entry of manifest.files) {
    if (rustFiles.includes(entry) || entry.includes('*')) continue // the addon is built on install
    copy(path.join(here, entry), path.join(stage, entry))
  }
  for (const entry of ['README.md']) copy(path.join(here, entry), path.join(stage, entry))
  for (const entry of rustFiles) copy(path.join(here, entry), path.join(stage, 'rust', 'node', entry))
  const core = path.join(root, 'crates', 'oauth1')
  for (const entry of ['Cargo.toml', 'README.md', 'src', 'benches', 'examples']) {
    copy(path.join(core, entry), path.join(stage, 'rust', 'core', entry))
  }
  fs.writeFileSync(path.join(stage, 'rust', 'Cargo.toml'), workspaceManifest())
  copy(path.join(root, 'Cargo.lock'), path.join(stage, 'rust', 'Cargo.lock'))
  for (const license of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    if (fs.existsSync(path.join(root, license))) copy(path.join(root, license), path.join(stage, license))
  }

  manifest.files = manifest.files.filter((entry) => !rustFiles.includes(entry) && !entry.includes('*'))
  manifest.files.push('rust/')
  delete manifest.devDependencies
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')

  const packed = execFileSync('npm', ['pack', '--pack-destination', out, '--json'], { cwd: stage, encoding: 'utf8' })
  const tarball = path.join(out, JSON.parse(packed)[0].filename)
  console.log(tarball)
}

main()
