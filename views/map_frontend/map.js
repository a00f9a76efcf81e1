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

  function ready() {
    timing.drawn = Math.round(performance.now());
    document.body.setAttribute("data-map-timing", JSON.stringify(timing));
    document.body.setAttribute("data-map-ready", "1");
    document.body.setAttribute("data-map-version", state.version);
    document.body.setAttribute("data-map-ready-ms", String(Math.round(performance.now())));
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
    lines.push(network.getConnectedEdges(i).length + " relationer på kartan");
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
  function centre(args) {
    var n = args.ids.length, degree = new Array(n).fill(0), i;
    for (i = 0; i < args.from.length; i++) { degree[args.from[i]]++; degree[args.to[i]]++; }
    var order = [];
    for (i = 0; i < n; i++) if (degree[i] > 0) order.push(i);
    if (!order.length) return null;
    order.sort(function (a, b) { return degree[b] - degree[a]; });
    var top = order.slice(0, Math.max(3, Math.ceil(n / 5)));
    var positions = network.getPositions(top), x = 0, y = 0;
    top.forEach(function (id) { x += positions[id].x; y += positions[id].y; });
    return { x: x / top.length, y: y / top.length };
  }

  // Labels must be readable when the map opens: a map that fits the frame only when zoomed far out
  // opens at READABLE around its densest part ("Visa allt" shows everything).
  var READABLE = 0.62;

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

  function firstView(args) {
    if (args.layout !== "hierarchy") {
      network.fit({ maxZoomLevel: 1.4 });
      if (network.getScale() < READABLE) {
        var middle = centre(args);
        if (middle) network.moveTo({ position: middle, scale: READABLE });
      }
      return;
    }
    var fit = topDownScale(args);
    if (!fit) return network.fit();
    var b = fit.bounds, height = box.clientHeight;
    network.moveTo({
      position: { x: (b.minX + b.maxX) / 2, y: b.minY - MARGIN + height / (2 * fit.scale) },
      scale: fit.scale,
    });
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

  // Above this many relations the nodes are drawn first and the relations added right after: the
  // map answers clicks a few hundred milliseconds sooner (benchmarks/app_render.py).
  var EDGES_LATER = 1500;

  function draw(args) {
    if (network) network.destroy();
    hideTip();
    document.body.removeAttribute("data-map-ready");
    document.body.removeAttribute("data-map-complete");
    var later = args.from.length > EDGES_LATER;
    var edges = new vis.DataSet(later ? [] : visEdges(args));
    var data = { nodes: new vis.DataSet(visNodes(args)), edges: edges };
    network = new vis.Network(box, data, args.options);
    timing.network = Math.round(performance.now());
    window.samverkanMap = network;

    network.on("beforeDrawing", drawBands);
    network.on("click", function (p) {
      if (Date.now() - state.lastDouble < 450) return; // the second click of a double-click
      clearTimeout(state.clickTimer);
      var node = p.nodes[0], edge = p.edges[0];
      state.clickTimer = setTimeout(function () {
        if (node !== undefined) emit({ event: "select", node: args.ids[node] });
        else if (edge !== undefined) emit({ event: "select", edge: edge });
        else emit({ event: "clear" });
      }, 280);
    });
    network.on("doubleClick", function (p) {
      clearTimeout(state.clickTimer);
      state.lastDouble = Date.now();
      if (p.nodes.length) emit({ event: "focus", node: args.ids[p.nodes[0]] });
    });
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
      ready();
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
      draw(args);
    }
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
