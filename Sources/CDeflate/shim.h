#include <zlib.h>

/* deflateInit2 is a macro; Swift sees this inline function instead. Raw deflate (no zlib header), as zip wants. */
static inline int tzpy_deflate_init_raw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
