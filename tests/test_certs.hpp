#pragma once
// Certificates made at test time with OpenSSL's API (nothing long-lived is
// committed, nothing expires under the tests): a certificate authority of the
// test's own and server certificates it signs, for a TLS stand-in on loopback.
// Test-only: keys are P-256, valid for a week from an hour ago.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace tanya::test {

struct CertAndKey {
  std::string cert_pem;
  std::string key_pem;
};

class TestCa {
 public:
  explicit TestCa(const std::string& name);  // throws std::runtime_error when OpenSSL fails
  const std::string& cert_pem() const { return cert_pem_; }
  // A server certificate signed by this CA; `alt_names` is an OpenSSL
  // subjectAltName value ("IP:127.0.0.1", "DNS:graph.other.example").
  CertAndKey issue(const std::string& common_name, const std::string& alt_names) const;

 private:
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key_{nullptr, EVP_PKEY_free};
  std::unique_ptr<X509, decltype(&X509_free)> cert_{nullptr, X509_free};
  std::string cert_pem_;
};

}  // namespace tanya::test
