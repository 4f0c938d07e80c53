#include "waymark/ui/key_queue.hpp"

namespace waymark::ui {

std::vector<KeyEvent> KeyQueue::take_frame() {
    std::vector<KeyEvent> frame;
    while (!events_.empty()) {
        const KeyEvent e = events_.front();
        events_.pop_front();
        frame.push_back(e);
        if (e.press)
            break;  // what comes after the press (its release, Shift let go) waits
    }
    return frame;
}

}  // namespace waymark::ui
