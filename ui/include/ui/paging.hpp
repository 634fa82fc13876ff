// How a list is split into pages of a screen's cells (never a scroll): when the list does not fit, the
// last cell of each page turns the page, and a screen too small for more than one cell still shows one
// item a page rather than dividing by zero.
#pragma once

#include <algorithm>

namespace ui {

struct PageSplit {
    int pages = 1;        // at least one, even for an empty list
    int itemsPerPage = 0; // items on a full page: all of them when not paged, else one cell fewer
    bool paged = false;   // more than one page: each page gives a cell to the page-turning button

    // The page to show for a remembered page number (a list can shrink while its page is shown).
    [[nodiscard]] int clamp(int page) const { return std::clamp(page, 0, pages - 1); }
    // The items of a page: [first, end).
    [[nodiscard]] int first(int page) const { return clamp(page) * itemsPerPage; }
    [[nodiscard]] int end(int page, int count) const { return std::min(count, first(page) + itemsPerPage); }
};

// count items in cells of cellsPerPage (under 1 counts as 1). Paged, a page keeps its last cell for the
// page-turning button, but always shows at least one item: with a single cell the caller must find the
// button another place.
[[nodiscard]] constexpr PageSplit splitIntoPages(int count, int cellsPerPage) {
    count = std::max(count, 0);
    cellsPerPage = std::max(cellsPerPage, 1);
    PageSplit split;
    if (count <= cellsPerPage) {
        split.itemsPerPage = count;
        return split;
    }
    split.paged = true;
    split.itemsPerPage = std::max(1, cellsPerPage - 1);
    split.pages = (count + split.itemsPerPage - 1) / split.itemsPerPage;
    return split;
}

} // namespace ui
