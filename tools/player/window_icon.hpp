// tools/player/window_icon.hpp: the Waymark signpost as the window's icon, in the sizes
// desktops ask for (assets/icon, built into the program).
#pragma once

struct GLFWwindow;

namespace waymark::ui {

// Sets the icon the task bar and window switcher show; nothing if it cannot be decoded.
void set_window_icon(GLFWwindow* window);

}  // namespace waymark::ui
