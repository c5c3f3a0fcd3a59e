#include "chain_digest.h"

// swift-crypto's SHA256 type allocates a context object per digest; underneath, it is BoringSSL (linked into
// every tzpy binary by swift-crypto, its symbols prefixed CCryptoBoringSSL_) or, on Apple platforms,
// CommonCrypto. Their one-shot functions take the bytes and a caller's buffer and allocate nothing, and use
// the CPU's SHA instructions where it has them.
#ifdef __APPLE__
#include <CommonCrypto/CommonDigest.h>

void tzpy_sha256(const uint8_t *data, size_t length, uint8_t *out) {
    CC_SHA256(data, (CC_LONG)length, out);
}
#else
extern uint8_t *CCryptoBoringSSL_SHA256(const uint8_t *data, size_t len, uint8_t *out);

void tzpy_sha256(const uint8_t *data, size_t length, uint8_t *out) {
    CCryptoBoringSSL_SHA256(data, length, out);
}
#endif
