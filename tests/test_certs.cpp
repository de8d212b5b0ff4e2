#include "tests/test_certs.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <stdexcept>

namespace tanya::test {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what + " failed");
}

Key new_key() {
  Key k(EVP_EC_gen("P-256"), EVP_PKEY_free);
  check(k != nullptr, "EVP_EC_gen");
  return k;
}

void add_ext(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str());
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  check(ok == 1, "X509_add_ext");
}

// `issuer` null: self-signed (a CA). Otherwise a server certificate for `alt_names`.
Cert make_cert(const std::string& cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* signer, const std::string& alt_names) {
  static std::atomic<long> serial{1};
  Cert x(X509_new(), X509_free);
  check(x != nullptr, "X509_new");
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 7L * 24 * 3600);
  check(X509_set_pubkey(x.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer : x.get(), x.get(), nullptr, nullptr, 0);
  if (!issuer) {
    add_ext(x.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(x.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_ext(x.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(x.get(), &ctx, NID_key_usage, "critical,digitalSignature");
    add_ext(x.get(), &ctx, NID_ext_key_usage, "serverAuth");
    add_ext(x.get(), &ctx, NID_subject_alt_name, alt_names);
  }
  check(X509_sign(x.get(), signer, EVP_sha256()) > 0, "X509_sign");
  return x;
}

template <class Write>
std::string pem(Write write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  check(bio && write(bio.get()) == 1, "PEM_write");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

}  // namespace

TestCa::TestCa(const std::string& name) {
  key_ = new_key();
  cert_ = make_cert(name, key_.get(), nullptr, key_.get(), "");
  cert_pem_ = pem([&](BIO* b) { return PEM_write_bio_X509(b, cert_.get()); });
}

CertAndKey TestCa::issue(const std::string& common_name, const std::string& alt_names) const {
  Key key = new_key();
  Cert cert = make_cert(common_name, key.get(), cert_.get(), key_.get(), alt_names);
  CertAndKey out;
  out.cert_pem = pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
  out.key_pem = pem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
  return out;
}

}  // namespace tanya::test
