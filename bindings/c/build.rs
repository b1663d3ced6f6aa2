//! Gives the shared library an soname (`liboauth1.so.MAJOR`) on Linux, so that
//! programs linked against an installed copy keep working across compatible
//! upgrades. Writes nothing into the source tree.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liboauth1.so.{major}");
    }
}
