// tools/player/app.hpp: the waymark-player program: a window, its event loop, the view.
//
//     waymark-player                     the library: bundled courses, the courses folder
//     waymark-player --courses DIR       also the courses in DIR (course folders, .wmpkg)
//     waymark-player --preview DIR       an author's course folder, reloaded on every save,
//                                        with its diagnostics under the page
//     waymark-player --ledger FILE       records into FILE instead of the default ledger
//     waymark-player --screenshots DIR   visits every screen, saves DIR/NN-screen.png, exits
// The window opens inside a monitor's work area, where it was last time if that is still
// on a monitor (waymark/player/window_placement.hpp); its size and position are kept in
// $XDG_STATE_HOME/waymark/window. The loop is idle when nothing happens: it waits for
// events, and after each one builds frames until the layout has settled
// (waymark/ui/frame_pacer.hpp), shows that frame and waits again (once a second too
// while an assessment clock or a preview is running).
#pragma once

namespace waymark::ui {

// Runs the player; returns the process exit status.
int run_player(int argc, char** argv);

}  // namespace waymark::ui
