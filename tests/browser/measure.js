// Measures the page it is loaded in and writes the result as JSON into a "gr-result" pre.
// Loaded by the browser tests (tests/browser); every figure is in CSS pixels.
window.addEventListener("load", function () { setTimeout(function () {
  "use strict";
  var scheme = new URLSearchParams(location.search).get("scheme");
  if (scheme) {
    document.body.setAttribute("data-md-color-scheme", scheme);
  }

  function text(el) {
    return (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
  }

  function background(el) {
    for (var e = el; e; e = e.parentElement) {
      var c = getComputedStyle(e).backgroundColor;
      if (c && c !== "transparent" && !/rgba\(.*,\s*0\)$/.test(c)) {
        return c;
      }
    }
    return "rgb(255, 255, 255)";
  }

  function lines(el) {
    // How many lines the text of an element takes (its line boxes).
    var range = document.createRange();
    range.selectNodeContents(el);
    var tops = {};
    Array.prototype.forEach.call(range.getClientRects(), function (r) {
      if (r.width > 0) {
        tops[Math.round(r.top)] = true;
      }
    });
    return Object.keys(tops).length;
  }

  function viewCase(box) {
    var view = box.querySelector(".goldenrecord");
    var scoped = view !== null;
    view = view || box.firstElementChild.firstElementChild || box;
    var out = {
      name: box.getAttribute("data-gr-case"),
      scoped: scoped,
      scrollWidth: view.scrollWidth,
      clientWidth: view.clientWidth,
      hosts: [],
      cut: [],
      leftNumbers: [],
      numbers: 0,
      brokenWords: [],
      headerMinWidth: [],
      other: null,
    };
    // No ancestor may scroll sideways either, and a cell counts as cut where any
    // ancestor that clips (or the window) ends.
    var right = Math.min(view.getBoundingClientRect().right, document.documentElement.clientWidth);
    for (var e = view.parentElement; e && e !== document.body; e = e.parentElement) {
      if (e.scrollWidth > e.clientWidth + 1) {
        out.hosts.push(e.className || e.tagName);
      }
      if (getComputedStyle(e).overflowX !== "visible") {
        right = Math.min(right, e.getBoundingClientRect().right);
      }
    }
    view.querySelectorAll("th, td").forEach(function (cell) {
      var r = cell.getBoundingClientRect();
      var style = getComputedStyle(cell);
      if (r.width <= 0 || r.right > right + 1 || style.visibility === "hidden" || style.display === "none") {
        out.cut.push(text(cell));
      }
      if (cell.tagName === "TH" && parseFloat(style.minWidth) > 0) {
        out.headerMinWidth.push(text(cell) + " " + style.minWidth);
      }
      if (cell.classList.contains("num")) {
        out.numbers += 1;
        if (style.textAlign !== "right" && style.textAlign !== "end") {
          out.leftNumbers.push(text(cell) + " " + style.textAlign);
        }
      }
      // A cell that may not wrap must hold its text on one line.
      if (!cell.classList.contains("wrap") && cell.querySelector("details") === null &&
          cell.textContent.trim() && cell.colSpan === 1 && lines(cell) > 1) {
        out.brokenWords.push(text(cell));
      }
    });
    var grey = view.querySelector("tr.other td.wrap");
    if (grey) {
      var opacity = 1;
      for (var g = grey; g && g !== view; g = g.parentElement) {
        opacity *= parseFloat(getComputedStyle(g).opacity);
      }
      out.other = {color: getComputedStyle(grey).color, background: background(grey), opacity: opacity};
    }
    return out;
  }

  var result = {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    pageScrollWidth: document.documentElement.scrollWidth,
    pageClientWidth: document.documentElement.clientWidth,
    cases: [],
    tables: [],
    code: [],
    links: [],
    images: [],
    frames: [],
  };
  document.querySelectorAll("[data-gr-case]").forEach(function (box) {
    result.cases.push(viewCase(box));
  });
  document.querySelectorAll(".md-content .md-typeset table").forEach(function (table) {
    if (table.closest(".goldenrecord") || table.closest(".jupyter-wrapper")) {
      return;
    }
    var wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
    var headers = [];
    table.querySelectorAll("th code").forEach(function (c) {
      if (lines(c) > 1) {
        headers.push(text(c));
      }
    });
    result.tables.push({
      head: text(table.querySelector("tr")),
      tableWidth: table.getBoundingClientRect().width,
      wrapWidth: wrap.clientWidth,
      brokenHeaderCode: headers,
    });
  });
  document.querySelectorAll(".md-content pre > code").forEach(function (code) {
    var pre = code.parentElement;
    var copy = pre.querySelector(".md-clipboard") || pre.parentElement.querySelector(".md-clipboard");
    var covered = false;
    if (copy) {
      var b = copy.getBoundingClientRect();
      var range = document.createRange();
      range.selectNodeContents(code);
      Array.prototype.forEach.call(range.getClientRects(), function (r) {
        if (r.width > 0 && r.right > b.left && r.left < b.right && r.bottom > b.top && r.top < b.bottom) {
          covered = true;
        }
      });
    }
    result.code.push({
      start: text(code).slice(0, 40),
      scrollWidth: code.scrollWidth,
      clientWidth: code.clientWidth,
      coveredByCopyButton: covered,
    });
  });
  var link = document.querySelector(".md-content .md-typeset a[href]:not(.headerlink):not(.md-clipboard)");
  if (link) {
    result.links.push({color: getComputedStyle(link).color, background: background(link)});
  }
  document.querySelectorAll(".jp-OutputArea-output img, [data-gr-figure] img").forEach(function (img) {
    result.images.push({filter: getComputedStyle(img).filter, background: background(img)});
  });
  document.querySelectorAll(".jp-OutputArea-output table.dataframe").forEach(function (t) {
    var output = t.closest(".jp-OutputArea-output");
    var r = output.getBoundingClientRect();
    result.frames.push({
      overflowX: getComputedStyle(output).overflowX,
      wider: t.getBoundingClientRect().width > r.width + 1,
      insidePage: r.right <= document.documentElement.clientWidth + 1,
    });
  });
  var pre = document.createElement("pre");
  pre.id = "gr-result";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}, 300); });
