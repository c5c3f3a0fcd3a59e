/* The C surface of ncursesw that Swift can call.
 * _XOPEN_SOURCE 700 must come before the headers: without it glibc hides wcwidth and ncurses
 * hides its wide-character API (get_wch, mvaddwstr, cchar_t). Macros Swift cannot import
 * (getmaxyx, the attribute constants, stdscr/LINES/COLS as mutable globals) get inline helpers. */
#ifndef TZPY_CNCURSESW_SHIM_H
#define TZPY_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncursesw/curses.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>

/* Sets the locale from the environment and falls back to C.UTF-8 when the codeset is not UTF-8
 * (with LANG unset, setlocale(LC_ALL, "") returns "C", not NULL). Returns 1 when UTF-8 is active. */
static inline int tzpy_force_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0)) return 1;
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) setlocale(LC_ALL, "en_US.UTF-8");
    cs = nl_langinfo(CODESET);
    return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

static inline const char *tzpy_codeset(void) { return nl_langinfo(CODESET); }

static inline WINDOW *tzpy_stdscr(void) { return stdscr; }
static inline int tzpy_lines(void) { return LINES; }
static inline int tzpy_cols(void) { return COLS; }
static inline int tzpy_rows_of(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int tzpy_cols_of(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

static inline attr_t tzpy_a_normal(void) { return A_NORMAL; }
static inline attr_t tzpy_a_bold(void) { return A_BOLD; }
static inline attr_t tzpy_a_reverse(void) { return A_REVERSE; }
static inline attr_t tzpy_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tzpy_a_dim(void) { return A_DIM; }
static inline attr_t tzpy_color_pair(int n) { return COLOR_PAIR(n); }

static inline int tzpy_key_resize(void) { return KEY_RESIZE; }
static inline int tzpy_ok(void) { return OK; }
static inline int tzpy_err(void) { return ERR; }
static inline int tzpy_key_code_yes(void) { return KEY_CODE_YES; }

/* Mouse: the masks are macros built from NCURSES_MOUSE_MASK, which Swift cannot import. */
static inline mmask_t tzpy_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int tzpy_key_mouse(void) { return KEY_MOUSE; }
static inline int tzpy_mouse_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int tzpy_mouse_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int tzpy_mouse_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }

/* Draws one wide string at (y, x) with the given attributes, without moving past the line. */
static inline int tzpy_put(int y, int x, const wchar_t *s, attr_t attrs, short pair) {
    attr_set(attrs, pair, NULL);
    return mvaddwstr(y, x, s);
}

/* The display width ncursesw itself uses for one character. */
static inline int tzpy_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
