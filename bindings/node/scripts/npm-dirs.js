'use strict'
// Writes npm/<platform>/package.json and README.md, one per target of package.json's
// `napi.targets`: the per-platform packages that hold the addon, as napi-rs lays them
// out. `napi create-npm-dirs` writes them (name oauth1-<platform>, the same version,
// `os`, `cpu`, `libc`, `main` pointing at oauth1.<platform>.node); this adds the
// licences to `files` (scripts/pack.js copies them in from the repository's root, with
// the addon). `npm run generate` runs it; scripts/check-generated.js checks that the
// committed files are what it writes now.
//
//   node scripts/npm-dirs.js [DIR]   writes DIR/<platform>/ (default: npm), removing
//                                    package dirs of targets no longer configured

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const napi = path.join(here, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')
const LICENCES = ['LICENSE-MIT', 'LICENSE-APACHE']
const GENERATED = ['package.json', 'README.md']

function main () {
  const outDir = path.resolve(process.argv[2] || path.join(here, 'npm'))
  // napi writes npm/ next to the package.json it reads; give it a copy to work on,
  // so that it touches nothing here.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-npm-dirs-'))
  try {
    fs.copyFileSync(path.join(here, 'package.json'), path.join(work, 'package.json'))
    try {
      execFileSync(process.execPath, [napi, 'create-npm-dirs', '--cwd', work], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    } catch (error) {
      console.error(error.stderr || error.message)
      console.error('npm-dirs: `napi create-npm-dirs` failed')
      process.exit(1)
    }
    const platforms = fs.readdirSync(path.join(work, 'npm')).sort()
    if (platforms.length === 0) throw new Error('npm-dirs: napi created no package directory')
    fs.mkdirSync(outDir, { recursive: true })
    for (const stale of fs.readdirSync(outDir)) {
      if (platforms.includes(stale)) continue
      for (const name of GENERATED) fs.rmSync(path.join(outDir, stale, name), { force: true })
      try { fs.rmdirSync(path.join(outDir, stale)) } catch (error) { if (error.code !== 'ENOTDIR') console.error(`npm-dirs: left ${stale}/ (not empty)`) }
    }
    for (const platform of platforms) {
      const from = path.join(work, 'npm', platform)
      const to = path.join(outDir, platform)
      fs.mkdirSync(to, { recursive: true })
      const manifest = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'))
      if (!Array.isArray(manifest.files) || manifest.files.length !== 1 || manifest.files[0] !== manifest.main) {
        throw new Error(`npm-dirs: napi's ${platform}/package.json no longer lists just its addon in files`)
      }
      manifest.files.push(...LICENCES)
      fs.writeFileSync(path.join(to, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
      fs.copyFileSync(path.join(from, 'README.md'), path.join(to, 'README.md'))
    }
    console.log(`npm-dirs: ${platforms.length} platform packages in ${path.relative(process.cwd(), outDir) || '.'}: ${platforms.join(', ')}`)
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

main()
