"""Throwaway certificates for real-host mode: a CA made at start, and one leaf it signs.

Imported only when real-host mode is on: `cryptography` comes with the dashscope SDK, but
plain mode needs nothing beyond the standard library and Pillow.

Clients verify for real (Python 3.11+ with OpenSSL 3 is strict; 3.13 adds
VERIFY_X509_STRICT), so both certificates carry what a proper chain needs: the CA its
basicConstraints CA=True and keyCertSign, the leaf its SAN DNS names, serverAuth and key
identifiers linking it to the CA. Validity is short: from a day ago (clock skew) to two days on.
"""

from __future__ import annotations

import datetime
import secrets
import shutil
import ssl
import tempfile
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_NOT_BEFORE = datetime.timedelta(days=1)
_NOT_AFTER = datetime.timedelta(days=2)


class Authority:
    """Owns a private temp directory holding `ca.pem`; close() removes it."""

    def __init__(self, hosts: Iterable[str]) -> None:
        names = sorted(set(hosts))
        self._dir = Path(tempfile.mkdtemp(prefix="dashscope-emulator-ca-"))  # mode 0700
        try:
            # P-256 keys: generated in a millisecond, where RSA would slow every start down.
            ca_key = ec.generate_private_key(ec.SECP256R1())
            ca_cert = _ca_certificate(ca_key)
            leaf_key = ec.generate_private_key(ec.SECP256R1())
            leaf_cert = _leaf_certificate(leaf_key, names, ca_cert, ca_key)
            self.ca_pem_path = str(self._dir / "ca.pem")
            Path(self.ca_pem_path).write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
            self.server_context = _server_context(self._dir, leaf_cert, leaf_key)
        except BaseException:
            self.close()
            raise
        self.hosts = tuple(names)

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts this CA only (for the emulator's own fetches)."""
        return ssl.create_default_context(cafile=self.ca_pem_path)

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


def _validity(builder: x509.CertificateBuilder) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.timezone.utc)
    return builder.not_valid_before(now - _NOT_BEFORE).not_valid_after(now + _NOT_AFTER)


def _ca_certificate(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "DashScope emulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, "DashScope emulator throwaway CA"),
        ]
    )
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signs_certificates=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return _validity(builder).sign(key, hashes.SHA256())


def _key_usage(signs_certificates: bool) -> x509.KeyUsage:
    """Signatures only; a CA's key also signs certificates and revocation lists."""
    return x509.KeyUsage(
        digital_signature=True,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        encipher_only=False,
        decipher_only=False,
    )


def _leaf_certificate(
    key: ec.EllipticCurvePrivateKey,
    hosts: list[str],
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
) -> x509.Certificate:
    # Clients match the SAN only; the CN is a label (and some host names exceed its 64 chars).
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "DashScope emulator results")])
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signs_certificates=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), False
        )
    )
    return _validity(builder).sign(ca_key, hashes.SHA256())


def _server_context(
    directory: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    # load_cert_chain() reads files only: the key sits in the private directory just long
    # enough to be loaded, under a random name.
    chain = directory / f"leaf-{secrets.token_hex(8)}.pem"
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        chain.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key_pem)
        context.load_cert_chain(chain)
    finally:
        chain.unlink(missing_ok=True)
    return context
