// Search page: the Pagefind UI over the index `make html` builds into output/pagefind/.
// Works from any folder the site is served from: paths are taken from this page's address.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var bundle = new URL(element.dataset.bundle, document.baseURI);
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle.pathname,
    baseUrl: new URL("..", bundle).pathname,
    showSubResults: true,
    showImages: false,
    openFilters: ["source", "topic"],
    translations: { placeholder: "Search articles" },
  });
  // A visible label for the search box (axe: label-title-only).
  var input = element.querySelector("input");
  if (input) {
    input.id = "search-input";
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
