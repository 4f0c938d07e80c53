#include "waymark/ui/key_queue.hpp"

#include <algorithm>

namespace waymark::ui {

std::vector<KeyEvent> KeyQueue::take_frame() {
    std::vector<KeyEvent> frame;
    std::vector<int> pressed;
    while (!events_.empty()) {
        const KeyEvent e = events_.front();
        if (!e.press && std::find(pressed.begin(), pressed.end(), e.key) != pressed.end())
            break;  // released in the frame it was pressed: the release waits
        events_.pop_front();
        if (e.press)
            pressed.push_back(e.key);
        frame.push_back(e);
    }
    return frame;
}

}  // namespace waymark::ui
