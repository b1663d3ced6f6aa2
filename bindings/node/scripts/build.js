'use strict'
// Builds the native addon with cargo and copies it where the generated loader
// (index.js) looks for it: ./oauth1.<platform>-<arch>[-<abi>].node. Runs on
// `npm install` (and `npm ci`), so a fresh machine with Rust gets a working
// package; it never downloads a prebuilt binary. Needs only Node and cargo.
//
// Environment: OAUTH1_NODE_PROFILE=debug builds without optimisations (faster to
// compile); CARGO is the cargo to run.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const cargo = process.env.CARGO || 'cargo'
const profile = process.env.OAUTH1_NODE_PROFILE === 'debug' ? 'debug' : 'release'

/** The napi-rs platform name of a Rust target triple, as the loader spells it. */
function platformName (triple) {
  const [arch, , os, abi] = triple.split('-')
  const cpu = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm', riscv64gc: 'riscv64', powerpc64le: 'ppc64', s390x: 's390x' }[arch] || arch
  if (triple.includes('apple-darwin')) return `darwin-${cpu}`
  if (triple.includes('windows')) return `win32-${cpu}-${abi || 'msvc'}`
  if (os === 'linux') return `linux-${cpu}-${abi && abi.startsWith('musl') ? 'musl' : 'gnu'}${abi && abi.endsWith('eabihf') ? 'eabihf' : ''}`
  if (os === 'freebsd') return `freebsd-${cpu}`
  throw new Error(`oauth1: unsupported platform ${triple}`)
}

function main () {
  let rustcInfo
  try {
    rustcInfo = execFileSync('rustc', ['-vV'], { encoding: 'utf8' })
  } catch (error) {
    console.error('oauth1: building the native addon needs Rust (cargo and rustc); see https://rustup.rs')
    process.exit(1)
  }
  const triple = /^host: (.+)$/m.exec(rustcInfo)[1].trim()
  // In a packed package (scripts/pack.js) the crate is in rust/node, in a workspace
  // of its own; in the repository it is this directory's, in the repository's.
  const packed = path.join(here, 'rust', 'node', 'Cargo.toml')
  const manifest = fs.existsSync(packed) ? packed : path.join(here, 'Cargo.toml')
  const args = ['build', '--manifest-path', manifest, '--lib', '--message-format', 'json-render-diagnostics']
  if (profile === 'release') args.push('--release')
  const output = execFileSync(cargo, args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20 })
  let built
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue
    const message = JSON.parse(line)
    if (message.reason === 'compiler-artifact' && message.target.name === 'oauth1_node' &&
        message.target.kind.includes('cdylib')) {
      built = message.filenames.find((f) => /\.(so|dylib|dll)$/.test(f))
    }
  }
  if (!built) throw new Error('oauth1: cargo did not report the built addon')
  const dest = path.join(here, `oauth1.${platformName(triple)}.node`)
  const tmp = `${dest}.${process.pid}.tmp`
  fs.copyFileSync(built, tmp)
  fs.renameSync(tmp, dest) // atomic: a running process never sees half a file
  console.log(`oauth1: built ${path.basename(dest)} (${profile})`)
}

main()
