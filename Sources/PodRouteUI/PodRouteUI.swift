// PodRouteUI: the part of podroute's TUI that does not touch a terminal.
//
// Everything on screen is a pure function of `AppState`; everything that changes it is an
// `AppEvent` through `reduce`. The event loop (in the curses module) stays thin:
//
//     var state = AppState(snapshot: snapshot, configuration: config, size: terminalSize, now: .now)
//     run(state.startupEffects)                      // starts polling rates for live sources
//     present(render(state))
//     for await event in events {                    // keys, resize, tick, netlink, stats, job results
//         let effects = reduce(&state, event)
//         run(effects)
//         present(render(state))                     // or only when something changed
//     }
//
// Effects the loop executes:
//   .quit(summary:)            restore the terminal, print `summary` on the normal screen, exit
//   .redrawAll                 forget the previous frame and repaint every cell (Ctrl-L)
//   .setRefreshInterval(d)     poll link stats every `d` and send `.linkStats`; nil stops polling
//   .run(job)                  run `job.run(shouldContinue: { !Task.isCancelled })` off the loop,
//                              cancel an older job of the same `job.kind`, post `.jobFinished`
//                              (stale generations are dropped by the reducer anyway)
//
// Presenting a frame: `CellBuffer.changedRows(since:)` gives the rows to rewrite; within a row,
// compare cells. A cell with `width == 2` is a wide character, the next cell (`width == 0`) is
// its continuation and is skipped. `Theme.resolve(cell)` gives colours and attributes; build
// the colour pairs once from `Theme.color` (16 ANSI colours, default background) or use
// `Theme.monochrome` (NO_COLOR, --no-color, TERM=dumb, no colours). `CellBuffer.cursor` is
// where the terminal cursor belongs (the open prompt), nil to hide it.
//
// Glyphs are chosen once (`Glyphs.unicode` after setlocale in a UTF-8 locale; `Glyphs.ascii`
// for --ascii, other locales, NCURSES_NO_UTF8_ACS); with ASCII glyphs every cell is ASCII.
// Keys arrive as `Key` (mouse events only when --mouse enabled them); a burst of resizes
// should become one `.resize(Size)`.
