// ui::splitIntoPages: every item on some page, none twice, and no division by zero on a screen with
// room for a single cell.
#include "ui/paging.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace {
// How many times each item is shown when every page is drawn.
std::vector<int> shownTimes(const ui::PageSplit& split, int count) {
    std::vector<int> times(static_cast<size_t>(count), 0);
    for (int page = 0; page < split.pages; ++page) {
        for (int i = split.first(page); i < split.end(page, count); ++i)
            ++times[static_cast<size_t>(i)];
    }
    return times;
}
} // namespace

TEST_CASE("paging: a list that fits takes one page, with no page-turning cell") {
    const ui::PageSplit split = ui::splitIntoPages(4, 6);
    CHECK(split.pages == 1);
    CHECK_FALSE(split.paged);
    CHECK(split.itemsPerPage == 4);
    CHECK(split.first(0) == 0);
    CHECK(split.end(0, 4) == 4);
}

TEST_CASE("paging: a longer list keeps a page's last cell for the page-turning button") {
    const ui::PageSplit split = ui::splitIntoPages(7, 4);
    CHECK(split.paged);
    CHECK(split.itemsPerPage == 3);
    CHECK(split.pages == 3);
    CHECK(split.first(2) == 6);
    CHECK(split.end(2, 7) == 7);
    CHECK(shownTimes(split, 7) == std::vector<int>(7, 1));
}

TEST_CASE("paging: one cell, or none, a page still shows one item a page and every item once") {
    for (int cells : {1, 0, -3}) {
        CAPTURE(cells);
        const ui::PageSplit split = ui::splitIntoPages(3, cells);
        CHECK(split.paged);
        CHECK(split.itemsPerPage == 1);
        CHECK(split.pages == 3);
        CHECK(shownTimes(split, 3) == std::vector<int>(3, 1));
    }
    const ui::PageSplit one = ui::splitIntoPages(1, 1);
    CHECK_FALSE(one.paged);
    CHECK(one.pages == 1);
}

TEST_CASE("paging: an empty list has one empty page, and a remembered page past the end shows the last") {
    const ui::PageSplit empty = ui::splitIntoPages(0, 5);
    CHECK(empty.pages == 1);
    CHECK(empty.first(3) == 0);
    CHECK(empty.end(3, 0) == 0);
    const ui::PageSplit split = ui::splitIntoPages(10, 3);
    CHECK(split.clamp(99) == split.pages - 1);
    CHECK(split.clamp(-1) == 0);
    CHECK(split.end(99, 10) == 10);
}
