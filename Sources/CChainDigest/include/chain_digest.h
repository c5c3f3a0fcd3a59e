#ifndef TZPY_CHAIN_DIGEST_H
#define TZPY_CHAIN_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256 of `length` bytes at `data`, written to the 32 bytes at `out`, with no allocation: the journal's
/// chain check calls it once per line on open (600,000 times at national size).
void tzpy_sha256(const uint8_t *data, size_t length, uint8_t *out);

#endif
