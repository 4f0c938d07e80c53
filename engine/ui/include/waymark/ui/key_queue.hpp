// waymark/ui/key_queue.hpp: key presses and releases handed to ImGui one frame at a time.
//
// ImGui 1.86 reads which keys are down once per frame, so a key pressed and released
// between two frames (a fast tap, or xdotool) would never be seen down and its press
// would be lost; Shift let go in the frame Tab is pressed makes Shift+Tab a Tab; and of
// two keys pressed in one frame the player acts on one. The window's key events go into
// this queue; each frame takes events up to and including the next press: whatever
// happened before it is in effect when it is seen, whatever follows waits a frame.
// Promises: no event is dropped or reordered; every press is seen down for a frame, with
// the modifiers held at that moment, and one press at a time.
#pragma once

#include <deque>
#include <vector>

namespace waymark::ui {

struct KeyEvent {
    int key = 0;
    int scancode = 0;
    bool press = false;  // false: a release (repeats count as presses)
    int mods = 0;
};

class KeyQueue {
  public:
    void push(const KeyEvent& event) { events_.push_back(event); }
    bool empty() const { return events_.empty(); }
    // The events to give ImGui before the next frame, in order.
    std::vector<KeyEvent> take_frame();

  private:
    std::deque<KeyEvent> events_;
};

}  // namespace waymark::ui
