// ncursesw for Swift: the wide-character API (NCURSES_WIDECHAR must be defined here, before any
// include: SwiftPM drops pkg-config's -D flags), plus static inline accessors for the macros and
// globals Swift cannot use (every use of `stdscr` or `LINES` is a Swift 6 concurrency error).
// Header only: no C target. Symbols are prefixed `ccurses_`.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *ccurses_stdscr(void) { return stdscr; }
static inline int ccurses_lines(void) { return LINES; }
static inline int ccurses_cols(void) { return COLS; }
static inline int ccurses_colors(void) { return COLORS; }
static inline int ccurses_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t ccurses_a_normal(void) { return A_NORMAL; }
static inline attr_t ccurses_a_bold(void) { return A_BOLD; }
static inline attr_t ccurses_a_dim(void) { return A_DIM; }
static inline attr_t ccurses_a_reverse(void) { return A_REVERSE; }
static inline attr_t ccurses_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ccurses_a_italic(void) { return A_ITALIC; }
static inline attr_t ccurses_a_standout(void) { return A_STANDOUT; }

static inline int ccurses_key_f(int n) { return KEY_F(n); }

/// newterm on the process's own stdin/stdout (Swift 6 cannot touch the `stdin`/`stdout` globals).
static inline SCREEN *ccurses_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

static inline mmask_t ccurses_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ccurses_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t ccurses_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Writes one cell: a wide character with attributes and a colour pair, at (y, x).
static inline int ccurses_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(window, y, x, &cell);
}

/// Writes a run of cells sharing one style: one call per run keeps the output small.
static inline int ccurses_put_run(WINDOW *window, int y, int x, const wchar_t *text, int count, attr_t attributes, short pair) {
    wattr_set(window, attributes, pair, NULL);
    int result = mvwaddnwstr(window, y, x, text, count);
    wattr_set(window, A_NORMAL, 0, NULL);
    return result;
}
#endif
