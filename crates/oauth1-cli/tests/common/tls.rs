//! Test certificates for the TLS tests (`verify --redis rediss://…`, `request https://…`).

use std::path::Path;

/// A certificate authority and a server certificate for `localhost` and 127.0.0.1 it
/// signed, written to `dir` as ca.pem, server.pem and server.key.
pub fn write_test_certificates(dir: &Path) {
    use openssl::asn1::Asn1Time;
    use openssl::bn::BigNum;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::x509::extension::{BasicConstraints, SubjectAlternativeName};
    use openssl::x509::{X509, X509NameBuilder};

    let name = |cn: &str| {
        let mut b = X509NameBuilder::new().unwrap();
        b.append_entry_by_text("CN", cn).unwrap();
        b.build()
    };
    let certificate = |serial: u32, subject: &str, key: &PKey<openssl::pkey::Private>| {
        let mut b = X509::builder().unwrap();
        b.set_version(2).unwrap();
        b.set_serial_number(&BigNum::from_u32(serial).unwrap().to_asn1_integer().unwrap())
            .unwrap();
        b.set_subject_name(&name(subject)).unwrap();
        b.set_pubkey(key).unwrap();
        b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
            .unwrap();
        b.set_not_after(&Asn1Time::days_from_now(2).unwrap())
            .unwrap();
        b
    };
    let ca_key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut ca = certificate(1, "oauth1 test CA", &ca_key);
    ca.set_issuer_name(&name("oauth1 test CA")).unwrap();
    ca.append_extension(BasicConstraints::new().critical().ca().build().unwrap())
        .unwrap();
    ca.sign(&ca_key, MessageDigest::sha256()).unwrap();
    let ca = ca.build();

    let server_key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut server = certificate(2, "localhost", &server_key);
    server.set_issuer_name(ca.subject_name()).unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&server.x509v3_context(Some(&ca), None))
        .unwrap();
    server.append_extension(san).unwrap();
    server
        .append_extension(BasicConstraints::new().build().unwrap())
        .unwrap();
    server.sign(&ca_key, MessageDigest::sha256()).unwrap();
    let server = server.build();

    std::fs::write(dir.join("ca.pem"), ca.to_pem().unwrap()).unwrap();
    std::fs::write(dir.join("server.pem"), server.to_pem().unwrap()).unwrap();
    std::fs::write(
        dir.join("server.key"),
        server_key.private_key_to_pem_pkcs8().unwrap(),
    )
    .unwrap();
}
