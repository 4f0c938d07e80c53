#include "app.hpp"

int main(int argc, char** argv) {
    return waymark::ui::run_player(argc, argv);
}
