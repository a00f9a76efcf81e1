// The map component (views/mapwidget.py): vis-network in a frame served by the app's server.
//
// Streamlit sends "streamlit:render" with the data built in views/graphmap.py (map_payload); the map
// answers with one event per gesture through "streamlit:setComponentValue":
//   click on a node or relation -> {event: "select", node | edge}, on the background -> {event: "clear"}
//   double-click on a node      -> {event: "focus", node}
// Every text from the graph reaches the page as data: labels are drawn on the canvas, tooltips and the
// SVG export set text with textContent / createTextNode, never as HTML.
(function () {
  "use strict";

  var frame = document.getElementById("frame");
  var box = document.getElementById("map");
  var tip = document.getElementById("tip");
  var network = null;
  var state = { version: null, args: null, seq: 0, clickTimer: null, lastDouble: 0 };
  // when the script started, the data arrived, the network was made and first drawn (ms since the
  // frame opened): the browser test and benchmarks/app_render.py read them
  var timing = { script: Math.round(performance.now()) };

  function post(type, data) {
    var message = { isStreamlitMessage: true, type: type };
    for (var key in data) message[key] = data[key];
    window.parent.postMessage(message, "*");
  }

  function emit(value) {
    state.seq += 1;
    value.seq = Date.now() * 1000 + (state.seq % 1000);
    post("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  // The map answers clicks: the first picture is up (the sketch below, or vis-network's own).
  function ready() {
    if (document.body.getAttribute("data-map-ready") === "1") return;
    timing.drawn = Math.round(performance.now());
    document.body.setAttribute("data-map-timing", JSON.stringify(timing));
    document.body.setAttribute("data-map-ready", "1");
    document.body.setAttribute("data-map-version", state.version);
  }

  // vis-network is loaded after the first picture (its 470 KB take a few hundred milliseconds).
  var visWaiting = null;

  function loadVis(then) {
    if (window.vis) return then();
    if (visWaiting) return visWaiting.push(then);
    visWaiting = [then];
    var script = document.createElement("script");
    script.src = "./vis-network.min.js";
    script.onload = function () {
      var waiting = visWaiting;
      visWaiting = null;
      waiting.forEach(function (f) { f(); });
    };
    document.head.appendChild(script);
  }

  // --- tooltips: plain text, kept inside the frame ---------------------------------------------
  function showTip(text, pointer) {
    if (!text) return hideTip();
    tip.textContent = text;
    tip.hidden = false;
    var width = frame.clientWidth, height = frame.clientHeight;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + w > width - 4) x = Math.max(4, pointer.x - w - 14);
    if (y + h > height - 4) y = Math.max(4, pointer.y - h - 14);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  // --- drawing ---------------------------------------------------------------------------------
  function bounds(args) {
    var b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    if (!args.x) return b;
    for (var i = 0; i < args.x.length; i++) {
      b.minX = Math.min(b.minX, args.x[i]); b.maxX = Math.max(b.maxX, args.x[i]);
      b.minY = Math.min(b.minY, args.y[i]); b.maxY = Math.max(b.maxY, args.y[i]);
    }
    return b;
  }

  // --- the data: columns from views/graphmap.py (map_payload) into vis-network's items ------------
  function visNodes(args) {
    var out = new Array(args.ids.length);
    for (var i = 0; i < args.ids.length; i++) {
      var style = args.kinds[args.kind[i]];
      var node = { id: i, label: args.labels[i], shape: style.shape, color: style.color, size: style.size,
                   font: style.font };
      if (args.x) { node.x = args.x[i]; node.y = args.y[i]; }
      if (i === args.focus) {
        node.borderWidth = 4;
        node.color = { background: style.color, border: "#111111" };
        node.size = style.size + 6;
      }
      out[i] = node;
    }
    return out;
  }

  function visEdges(args) {
    var out = new Array(args.from.length);
    for (var i = 0; i < args.from.length; i++) {
      var style = args.types[args.type[i]];
      var edge = { id: i, from: args.from[i], to: args.to[i],
                   color: style.faint ? { color: style.color, opacity: 0.25 } : style.color };
      if (args.edge_labels) edge.label = style.label;
      out[i] = edge;
    }
    return out;
  }

  function nodeTip(args, i) {
    var lines = [args.names[i] || args.labels[i].replace(/\n/g, " "), args.kinds[args.kind[i]].label];
    if (args.aliases[i]) lines.push("Även: " + args.aliases[i].join(", "));
    lines.push(degrees(args)[i] + " relationer på kartan");
    lines.push("Klicka för uppgifter och källor, dubbelklicka för grannskapet.");
    return lines.join("\n");
  }

  function edgeTip(args, i) {
    var name = function (n) { return args.names[n] || args.labels[n].replace(/\n/g, " "); };
    var lines = [name(args.from[i]) + " " + args.types[args.type[i]].label + " " + name(args.to[i])];
    if (args.dates[i]) lines.push("Datum: " + args.dates[i]);
    lines.push("Klicka för uppgifter och källor.");
    return lines.join("\n");
  }

  // A top-down structure is shown as wide as the frame from its top (readable), the rest by dragging.
  // The densest part of the map: the centre of the fifth of the nodes with the most relations.
  function degrees(args) {
    if (args._degree) return args._degree;
    var degree = new Array(args.ids.length).fill(0);
    for (var i = 0; i < args.from.length; i++) { degree[args.from[i]]++; degree[args.to[i]]++; }
    args._degree = degree;
    return degree;
  }

  function centre(args, position) {
    var n = args.ids.length, degree = degrees(args), i;
    var order = [];
    for (i = 0; i < n; i++) if (degree[i] > 0) order.push(i);
    if (!order.length) return null;
    order.sort(function (a, b) { return degree[b] - degree[a]; });
    var top = order.slice(0, Math.max(3, Math.ceil(n / 5))), x = 0, y = 0;
    top.forEach(function (id) { var p = position(id); x += p.x; y += p.y; });
    return { x: x / top.length, y: y / top.length };
  }

  // Labels must be readable when the map opens: a map that fits the frame only when zoomed far out
  // opens at READABLE around its densest part ("Visa allt" shows everything).
  var READABLE = 0.62;
  // A map larger than this opens whole (an overview; its labels appear when zooming in).
  var READABLE_UP_TO = 400;

  // The top-down view is as wide as the frame and as tall as it needs to be (within limits), so the
  // whole structure opens at a readable zoom and the page scrolls.
  var MARGIN = 70;

  function topDownScale(args) {
    var b = bounds(args);
    if (!isFinite(b.minX)) return null;
    var scale = Math.min(1.1, (box.clientWidth - 20) / (b.maxX - b.minX + 2 * MARGIN));
    return { bounds: b, scale: scale, height: (b.maxY - b.minY + 2 * MARGIN) * scale };
  }

  function frameHeight(args) {
    var base = args.height || 680;
    if (args.layout !== "hierarchy") return base;
    var fit = topDownScale(args);
    if (!fit) return base;
    return Math.round(Math.max(base * 0.7, Math.min(args.max_height || 1800, fit.height + 40)));
  }

  // The view a map opens at, {position, scale}, for a map whose positions came with its data.
  function openingView(args) {
    var width = box.clientWidth, height = box.clientHeight;
    if (args.layout === "hierarchy") {
      var fit = topDownScale(args);
      var t = fit.bounds;
      return { position: { x: (t.minX + t.maxX) / 2, y: t.minY - MARGIN + height / (2 * fit.scale) },
               scale: fit.scale };
    }
    var b = bounds(args);
    var scale = Math.min(1.4, (width - 40) / Math.max(1, b.maxX - b.minX), (height - 40) / Math.max(1, b.maxY - b.minY));
    var position = { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
    if (scale < READABLE && args.ids.length <= READABLE_UP_TO) {
      var middle = centre(args, function (i) { return { x: args.x[i], y: args.y[i] }; });
      if (middle) { position = middle; scale = READABLE; }
    }
    return { position: position, scale: scale };
  }

  function firstView(args) {
    if (args.x) return network.moveTo(openingView(args));
    network.fit({ maxZoomLevel: 1.4 });
    if (network.getScale() < READABLE && args.ids.length <= READABLE_UP_TO) {
      var middle = centre(args, function (i) { return network.getPositions([i])[i]; });
      if (middle) network.moveTo({ position: middle, scale: READABLE });
    }
  }

  function drawBands(ctx) {
    var bands = (state.args && state.args.bands) || [];
    if (!bands.length) return;
    ctx.save();
    ctx.font = "bold 15px sans-serif";
    ctx.fillStyle = "#8a8a96";
    ctx.strokeStyle = "#e6e6ec";
    ctx.lineWidth = 1;
    bands.forEach(function (band) {
      ctx.fillText(band.label, band.x, band.y);
      ctx.beginPath();
      ctx.moveTo(band.x, band.y + 6);
      ctx.lineTo(band.x2, band.y + 6);
      ctx.stroke();
    });
    ctx.restore();
  }

  // --- gestures, the same on the sketch and on vis-network ------------------------------------------
  function clicked(args, node, edge) {
    if (Date.now() - state.lastDouble < 450) return; // the second click of a double-click
    clearTimeout(state.clickTimer);
    state.clickTimer = setTimeout(function () {
      if (node !== undefined && node !== null) emit({ event: "select", node: args.ids[node] });
      else if (edge !== undefined && edge !== null) emit({ event: "select", edge: edge });
      else emit({ event: "clear" });
    }, 280);
  }

  function doubleClicked(args, node) {
    clearTimeout(state.clickTimer);
    state.lastDouble = Date.now();
    if (node !== undefined && node !== null) emit({ event: "focus", node: args.ids[node] });
  }

  // --- the first picture: drawn at once from the positions that came with the data, answering
  // clicks, double-clicks and hovers until vis-network (loaded meanwhile) takes over ------------------
  var sketch = null;

  function removeSketch() {
    if (sketch) sketch.canvas.remove();
    sketch = null;
  }

  function shapePath(ctx, shape, x, y, r) {
    var i, a;
    ctx.beginPath();
    if (shape === "star") {
      for (i = 0; i < 10; i++) {
        a = (Math.PI * i) / 5;
        var radius = i % 2 === 0 ? r * 1.3 : r * 0.5;
        ctx[i ? "lineTo" : "moveTo"](x + radius * Math.sin(a), y - radius * Math.cos(a));
      }
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
    } else if (shape === "hexagon") {
      for (i = 0; i < 6; i++) {
        a = (Math.PI * i) / 3;
        ctx[i ? "lineTo" : "moveTo"](x + r * Math.cos(a), y + r * Math.sin(a));
      }
    } else if (shape === "triangle" || shape === "triangleDown") {
      var side = 2 * r, inner = (Math.sqrt(3) / 6) * side, h = Math.sqrt(side * side - r * r);
      var sign = shape === "triangle" ? 1 : -1;
      ctx.moveTo(x, y - sign * (h - inner)); ctx.lineTo(x + r, y + sign * inner); ctx.lineTo(x - r, y + sign * inner);
    } else if (shape === "square") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.closePath();
  }

  var INSIDE_SHAPES = { box: true, ellipse: true, database: true, circle: true, text: true };

  function drawSketch(args) {
    removeSketch();
    var view = openingView(args);
    var width = box.clientWidth, height = box.clientHeight, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.cssText = "position:absolute;left:0;top:0;z-index:1;background:#fff;width:" + width + "px;height:" +
      height + "px";
    box.style.position = "relative";
    box.appendChild(canvas);
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    var s = view.scale, cx = view.position.x, cy = view.position.y;
    var sx = function (x) { return (x - cx) * s + width / 2; };
    var sy = function (y) { return (y - cy) * s + height / 2; };
    ctx.save();
    ctx.translate(width / 2 - cx * s, height / 2 - cy * s);
    ctx.scale(s, s);
    drawBands(ctx);
    ctx.restore();
    ctx.lineWidth = 1;
    args.types.forEach(function (style, t) {
      ctx.strokeStyle = style.color;
      ctx.globalAlpha = style.faint ? 0.25 : 0.8;
      ctx.beginPath();
      for (var i = 0; i < args.from.length; i++) {
        if (args.type[i] !== t) continue;
        var a = args.from[i], b = args.to[i];
        ctx.moveTo(sx(args.x[a]), sy(args.y[a]));
        ctx.lineTo(sx(args.x[b]), sy(args.y[b]));
      }
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    var hits = [];
    for (var i = 0; i < args.ids.length; i++) {
      var x = sx(args.x[i]), y = sy(args.y[i]);
      if (x < -80 || y < -80 || x > width + 80 || y > height + 80) continue;
      var style = args.kinds[args.kind[i]], fontSize = style.font.size * s;
      var lines = String(args.labels[i]).split("\n");
      ctx.font = fontSize + "px sans-serif";
      if (INSIDE_SHAPES[style.shape]) {
        var w = Math.max.apply(null, lines.map(function (l) { return ctx.measureText(l).width; })) + 10 * s;
        var hgt = lines.length * fontSize * 1.2 + 8 * s;
        ctx.fillStyle = style.color;
        ctx.fillRect(x - w / 2, y - hgt / 2, w, hgt);
        if (fontSize >= 6) {
          ctx.fillStyle = style.shape === "text" ? "#31333f" : "#ffffff";
          ctx.textAlign = "center";
          lines.forEach(function (l, k) { ctx.fillText(l, x, y + (k - (lines.length - 1) / 2) * fontSize * 1.2 + fontSize * 0.35); });
        }
        hits.push([i, x, y, Math.max(w, hgt) / 2]);
        continue;
      }
      var r = Math.max(3, style.size * s);
      shapePath(ctx, style.shape, x, y, r);
      ctx.fillStyle = style.color;
      ctx.fill();
      if (i === args.focus) { ctx.lineWidth = 3; ctx.strokeStyle = "#111111"; ctx.stroke(); ctx.lineWidth = 1; }
      if (fontSize >= 6) {
        ctx.textAlign = "center";
        ctx.lineWidth = 4;
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.fillStyle = "#31333f";
        lines.forEach(function (l, k) {
          var ly = y + r + fontSize * (1 + k * 1.15);
          ctx.strokeText(l, x, ly);
          ctx.fillText(l, x, ly);
        });
        ctx.lineWidth = 1;
      }
      hits.push([i, x, y, r + 4]);
    }
    function hit(event) {
      var rect = canvas.getBoundingClientRect(), px = event.clientX - rect.left, py = event.clientY - rect.top;
      var best = null, bestDistance = Infinity;
      for (var k = 0; k < hits.length; k++) {
        var dx = hits[k][1] - px, dy = hits[k][2] - py, d = Math.sqrt(dx * dx + dy * dy);
        if (d <= hits[k][3] && d < bestDistance) { best = hits[k][0]; bestDistance = d; }
      }
      return { node: best, pointer: { x: px, y: py } };
    }
    canvas.addEventListener("click", function (e) { clicked(args, hit(e).node, null); });
    canvas.addEventListener("dblclick", function (e) { doubleClicked(args, hit(e).node); });
    canvas.addEventListener("mousemove", function (e) {
      var found = hit(e);
      if (found.node === null) hideTip();
      else showTip(nodeTip(args, found.node), found.pointer);
    });
    sketch = { canvas: canvas };
    timing.sketch = Math.round(performance.now());
  }

  // Above this many relations the nodes are drawn first and the relations added right after: the
  // map answers clicks a few hundred milliseconds sooner (benchmarks/app_render.py).
  var EDGES_LATER = 1500;

  function draw(args) {
    if (network) network.destroy();
    hideTip();
    document.body.removeAttribute("data-map-complete");
    var later = args.from.length > EDGES_LATER;
    var edges = new vis.DataSet(later ? [] : visEdges(args));
    var data = { nodes: new vis.DataSet(visNodes(args)), edges: edges };
    network = new vis.Network(box, data, args.options);
    timing.network = Math.round(performance.now());
    window.samverkanMap = network; // for the browser test and the benchmark: node i is args.ids[i]
    window.samverkanIds = args.ids;

    network.on("beforeDrawing", drawBands);
    network.on("click", function (p) { clicked(args, p.nodes[0], p.edges[0]); });
    network.on("doubleClick", function (p) { doubleClicked(args, p.nodes[0]); });
    network.on("hoverNode", function (p) { showTip(nodeTip(args, p.node), p.pointer.DOM); });
    network.on("hoverEdge", function (p) { showTip(edgeTip(args, p.edge), p.pointer.DOM); });
    network.on("blurNode", hideTip);
    network.on("blurEdge", hideTip);
    network.on("dragStart", hideTip);
    network.on("zoom", hideTip);

    function complete() {
      timing.complete = Math.round(performance.now());
      document.body.setAttribute("data-map-timing", JSON.stringify(timing));
      document.body.setAttribute("data-map-complete", "1");
    }

    function shown() {
      removeSketch();
      timing.vis = Math.round(performance.now());
      ready();
      select(state.args.selected);
      if (!later) return complete();
      setTimeout(function () {
        edges.add(visEdges(args));
        network.once("afterDrawing", complete);
        network.redraw();
      }, 0);
    }

    var physics = args.options.physics && args.options.physics.enabled;
    if (physics) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        firstView(args);
        network.once("afterDrawing", shown);
        network.redraw();
      });
    } else {
      firstView(args);
      network.once("afterDrawing", shown);
      network.redraw();
    }
  }

  function select(selected) {
    if (!network || !state.args) return;
    var nodes = [], edges = [];
    if (selected && selected.node !== undefined && selected.node !== null) {
      var i = state.args.ids.indexOf(selected.node);
      if (i >= 0) nodes.push(i);
    }
    if (selected && typeof selected.edge === "number" && selected.edge < state.args.from.length) edges.push(selected.edge);
    network.setSelection({ nodes: nodes, edges: edges }, { unselectAll: true, highlightEdges: false });
  }

  function render(args) {
    if (args.version !== state.version) {
      timing.data = Math.round(performance.now());
      var height = frameHeight(args);
      box.style.height = height + "px";
      post("streamlit:setFrameHeight", { height: height + 4 });
      state.version = args.version;
      state.args = args;
      document.body.removeAttribute("data-map-ready");
      document.body.removeAttribute("data-map-complete");
      if (args.x && !network) {
        // positions came with the data: a picture at once, vis-network right after
        drawSketch(args);
        ready();
        setTimeout(function () { loadVis(function () { if (state.args === args) draw(args); }); }, 20);
      } else {
        loadVis(function () { if (state.args === args) draw(args); });
      }
    }
    state.args.selected = args.selected;
    select(args.selected);
  }

  // --- export of the current view ----------------------------------------------------------------
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function exportPng() {
    var canvas = box.querySelector("canvas");
    if (!canvas) return;
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    out.toBlob(function (blob) { download(blob, (state.args.filename || "karta") + ".png"); }, "image/png");
  }

  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    for (var key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function polygon(points) {
    return points.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
  }

  // The outline of a vis-network shape around (x, y) with radius r, as an SVG element.
  function shape(kind, x, y, r, attrs, parent) {
    var pts = [], i, a;
    switch (kind) {
      case "star":
        for (i = 0; i < 10; i++) {
          a = (Math.PI * i) / 5;
          var radius = i % 2 === 0 ? r * 1.3 : r * 0.5;
          pts.push([x + radius * Math.sin(a), y - radius * Math.cos(a)]);
        }
        break;
      case "diamond":
        pts = [[x, y - r], [x + r, y], [x, y + r], [x - r, y]];
        break;
      case "hexagon":
        for (i = 0; i < 6; i++) {
          a = (Math.PI * i) / 3;
          pts.push([x + r * Math.cos(a), y + r * Math.sin(a)]);
        }
        break;
      case "triangle":
      case "triangleDown":
        var s = 2 * r, ir = (Math.sqrt(3) / 6) * s, h = Math.sqrt(s * s - (s / 2) * (s / 2));
        var sign = kind === "triangle" ? 1 : -1;
        pts = [[x, y - sign * (h - ir)], [x + s / 2, y + sign * ir], [x - s / 2, y + sign * ir]];
        break;
      case "square":
        return el("rect", Object.assign({ x: x - r, y: y - r, width: 2 * r, height: 2 * r }, attrs), parent);
      default:
        return el("circle", Object.assign({ cx: x, cy: y, r: r }, attrs), parent);
    }
    return el("polygon", Object.assign({ points: polygon(pts) }, attrs), parent);
  }

  var INSIDE = { box: true, ellipse: true, database: true, circle: true, text: true };

  function exportSvg() {
    if (!network) return;
    var width = box.clientWidth, height = box.clientHeight, scale = network.getScale();
    var svg = el("svg", { xmlns: SVG, width: width, height: height, viewBox: "0 0 " + width + " " + height,
                          "font-family": "sans-serif" });
    el("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }, svg);
    var defs = el("defs", {}, svg);
    var nodes = network.body.data.nodes, edges = network.body.data.edges;
    var ids = nodes.getIds();
    var positions = network.getPositions(ids);
    var dom = {};
    ids.forEach(function (id) { dom[id] = network.canvasToDOM(positions[id]); });
    var inside = function (p, pad) { return p.x > -pad && p.y > -pad && p.x < width + pad && p.y < height + pad; };
    var measure = document.createElement("canvas").getContext("2d");
    var markers = {};
    function marker(colour) {
      if (markers[colour]) return markers[colour];
      var id = "arrow" + Object.keys(markers).length;
      var m = el("marker", { id: id, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7,
                            orient: "auto-start-reverse" }, defs);
      el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: colour }, m);
      markers[colour] = id;
      return id;
    }
    var edgeLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg);
    edges.forEach(function (e) {
      var a = dom[e.from], b = dom[e.to];
      if (!a || !b || (!inside(a, 40) && !inside(b, 40))) return;
      var colour = (e.color && (e.color.color || e.color)) || "#bdbdbd";
      var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "stroke-width": 1 }, edgeLayer);
      var arrows = e.arrows || "";
      if (arrows.indexOf("to") >= 0) line.setAttribute("marker-end", "url(#" + marker(colour) + ")");
      if (arrows.indexOf("from") >= 0) line.setAttribute("marker-start", "url(#" + marker(colour) + ")");
      if (e.label) {
        var t = el("text", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, "font-size": 9 * scale, fill: "#555",
                             "text-anchor": "middle" }, edgeLayer);
        t.appendChild(document.createTextNode(e.label));
      }
    });
    nodes.forEach(function (n) {
      var p = dom[n.id];
      if (!p || !inside(p, 60)) return;
      var colour = (n.color && (n.color.background || n.color)) || "#9e9e9e";
      var fontSize = ((n.font && n.font.size) || 14) * scale;
      var lines = String(n.label || "").split("\n");
      var g = el("g", {}, nodeLayer);
      if (INSIDE[n.shape]) {
        measure.font = fontSize + "px sans-serif";
        var w = Math.max.apply(null, lines.map(function (l) { return measure.measureText(l).width; })) + 12 * scale;
        var h = lines.length * fontSize * 1.2 + 8 * scale;
        if (n.shape !== "text") {
          el(n.shape === "ellipse" ? "ellipse" : "rect", n.shape === "ellipse"
            ? { cx: p.x, cy: p.y, rx: w / 2 + 4 * scale, ry: h / 2 + 2 * scale, fill: colour }
            : { x: p.x - w / 2, y: p.y - h / 2, width: w, height: h, rx: 3 * scale, fill: colour }, g);
        }
        lines.forEach(function (l, i) {
          var t = el("text", { x: p.x, y: p.y + (i - (lines.length - 1) / 2) * fontSize * 1.2 + fontSize * 0.35,
                               "font-size": fontSize, "text-anchor": "middle",
                               fill: n.shape === "text" ? "#31333f" : "#ffffff" }, g);
          t.appendChild(document.createTextNode(l));
        });
        return;
      }
      var r = (n.size || 12) * scale;
      shape(n.shape, p.x, p.y, r, { fill: colour, stroke: "#ffffff", "stroke-width": 1 }, g);
      lines.forEach(function (l, i) {
        var t = el("text", { x: p.x, y: p.y + r + fontSize * (1 + i * 1.15), "font-size": fontSize,
                             "text-anchor": "middle", fill: "#31333f", stroke: "#ffffff", "stroke-width": 3 * scale,
                             "paint-order": "stroke" }, g);
        t.appendChild(document.createTextNode(l));
      });
    });
    var text = new XMLSerializer().serializeToString(svg);
    download(new Blob([text], { type: "image/svg+xml" }), (state.args.filename || "karta") + ".svg");
  }

  document.getElementById("fit").addEventListener("click", function () { if (network) network.fit(); });
  document.getElementById("png").addEventListener("click", exportPng);
  document.getElementById("svg").addEventListener("click", exportSvg);
  frame.addEventListener("mouseleave", hideTip);

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "streamlit:render") return;
    render(event.data.args || {});
  });
  post("streamlit:componentReady", { apiVersion: 1 });
})();
