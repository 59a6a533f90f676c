// The graph component: vis-network (pyvis's copy, inlined before this code by
// network.py) draws `render.vis_data` output, with the app's own layers on top:
// actors' names (at least 12 px on screen at any zoom, on a white halo, drawn
// after the lines and arrowheads so that nothing covers them, and left out
// where they would overlap a more important one), a legend over the canvas, and
// tools: fit, re-layout, PNG and SVG of what is on screen.
//
// Python hears of: a click on an actor or a line ({kind, id}), an actor dragged
// to a new place ({positions}), and the re-layout button ({kind: "relayout"}).
//
// Safety: every string from the data arrives HTML-escaped (Python's html.escape).
// `plain` decodes those five entities back to text, without any HTML parser:
// labels are drawn on the canvas, tooltips are set by vis-network 9 as innerText,
// the legend is built with textContent, the SVG with DOM text nodes. Nothing
// from the data is ever parsed as markup.
//
// Stability: positions come from Python (kept per actor beside the data file);
// the viewport (zoom and pan) is kept per graph in the page, so a click, a
// rerun or a return to the page leaves the drawing where the analyst put it.
// The drawing is fitted to the canvas when its `fit` key changes (a filter, a
// focus, folding) and with the Fit button.

const shared = (globalThis.__explorer ||= { networks: {}, views: {}, drawn: {}, labels: {} });
const mounted = new WeakMap();
const SVG = "http://www.w3.org/2000/svg";
const LABEL_PX = 13; // actors' names on screen, whatever the zoom
const FONT = '"Source Sans 3", "Source Sans Pro", sans-serif';
const PAD = 18; // pixels kept free around the drawing when fitting
const STYLE_NAMES = {
  solid: "curated, asserted",
  extracted: "extracted, not yet reviewed",
  hedged: "hedged (may, could, reportedly)",
  negated: "negated (has not, denies)",
  "extracted+hedged": "extracted and hedged",
  "extracted+negated": "extracted and negated",
};
const SHAPES = {
  dot: "M6 1a5 5 0 1 0 0.01 0Z",
  triangle: "M6 1L11 11H1Z",
  square: "M1.5 1.5H10.5V10.5H1.5Z",
  hexagon: "M6 0.8L10.5 3.4V8.6L6 11.2L1.5 8.6V3.4Z",
  star: "M6 0.5L7.6 4.3L11.7 4.6L8.6 7.2L9.6 11.3L6 9.1L2.4 11.3L3.4 7.2L0.3 4.6L4.4 4.3Z",
};

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'" };

function plain(text) {
  return String(text).replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e]);
}

function decode(data) {
  for (const item of data.nodes) {
    item.name = plain(item.label);
    delete item.label; // drawn by `drawLabels`, not by vis-network
    if (typeof item.title === "string") item.title = plain(item.title);
  }
  for (const item of data.edges) {
    if (typeof item.label === "string") item.label = plain(item.label);
    if (!item.label) delete item.label;
    if (typeof item.title === "string") item.title = plain(item.title);
  }
  return data;
}

// ------------------------------------------------------------------ legend
function svgElement(name, attributes) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

function lineSwatch(color, dashes, width = 3, arrow = false) {
  const svg = svgElement("svg", { width: 30, height: 10 });
  const line = svgElement("line", { x1: 1, y1: 5, x2: arrow ? 23 : 29, y2: 5, stroke: color,
    "stroke-width": width });
  if (Array.isArray(dashes)) line.setAttribute("stroke-dasharray", dashes.join(" "));
  svg.append(line);
  if (arrow) svg.append(svgElement("path", { d: "M22 1L29 5L22 9Z", fill: color }));
  return svg;
}

function shapeSwatch(shape, color) {
  const svg = svgElement("svg", { width: 12, height: 12 });
  svg.append(svgElement("path", { d: SHAPES[shape] || SHAPES.dot, fill: color }));
  return svg;
}

function drawLegend(element, legend, onToggle) {
  element.replaceChildren();
  const head = document.createElement("button");
  head.type = "button";
  head.className = "toggle";
  head.textContent = "Legend";
  head.title = "Show or hide the legend";
  head.addEventListener("click", () => {
    element.classList.toggle("folded");
    onToggle();
  });
  element.append(head);
  const body = document.createElement("div");
  body.className = "body";
  element.append(body);
  const row = (title) => {
    const div = document.createElement("div");
    div.className = "row";
    const label = document.createElement("span");
    label.className = "head";
    label.textContent = title;
    div.append(label);
    body.append(div);
    return div;
  };
  const item = (parent, swatch, text) => {
    const span = document.createElement("span");
    span.className = "item";
    if (swatch) span.append(swatch);
    span.append(document.createTextNode(text));
    parent.append(span);
  };
  if (legend.net && legend.net.length) {
    const r = row("Lines");
    for (const n of legend.net) item(r, lineSwatch(n.color, false), plain(n.label));
    const w = row("");
    item(w, lineSwatch("#7a7a7a", false, 2, true), "direction");
    item(w, null, plain(legend.width));
  }
  if (legend.types.length) {
    const r = row(legend.net && legend.net.length ? "Expanded" : "Relations");
    for (const t of legend.types) {
      item(r, lineSwatch(t.color, false), plain(t.label) + (t.directed ? "" : " (mutual)"));
    }
  }
  const styles = (legend.styles || []).filter((s) => s.style !== "solid");
  if (styles.length) {
    const r = row("Dashes");
    for (const s of styles) item(r, lineSwatch("#666", s.dashes), STYLE_NAMES[s.style] || s.style);
  }
  const kinds = row("Actors");
  for (const k of legend.kinds) item(kinds, shapeSwatch(k.shape, k.color), k.kind.replace("_", " "));
  item(kinds, null, "· " + plain(legend.size));
  for (const note of legend.notes || []) {
    const div = document.createElement("div");
    div.className = "note";
    div.textContent = plain(note);
    body.append(div);
  }
}

// ------------------------------------------------------------------ labels
function labelFont(scale) {
  return `${LABEL_PX / scale}px ${FONT}`;
}

// Actors' names, on top of everything vis-network drew, at a constant size on
// screen; a name that would overlap one already placed is left out (the
// selected and hovered actors first, then by size).
function drawLabels(state, ctx) {
  const { network } = state;
  const scale = network.getScale();
  const labels = state.labels; // [{id, name, size, width}] made once per drawing
  const where = network.getPositions(state.labelIds);
  const chosen = new Set(network.getSelectedNodes());
  const first = labels.filter((l) => chosen.has(l.id) || l.id === state.hover);
  const order = first.length ? [...first, ...labels.filter((l) => !first.includes(l))] : labels;
  const box = state.box.getBoundingClientRect();
  ctx.save();
  ctx.font = labelFont(scale);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 4 / scale;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.95)";
  ctx.fillStyle = "#1f2330";
  const placed = [];
  let hidden = 0;
  for (const label of order) {
    const p = where[label.id];
    if (!p) continue;
    const top = p.y + label.size + 3 / scale;
    const screen = network.canvasToDOM({ x: p.x, y: top });
    const half = label.width / 2 + 2;
    const rect = { left: screen.x - half, right: screen.x + half,
      top: screen.y - 1, bottom: screen.y + LABEL_PX * 1.25 + 1 };
    if (rect.right < 0 || rect.left > box.width || rect.bottom < 0 || rect.top > box.height) continue;
    const clash = placed.some((q) => rect.left < q.right && q.left < rect.right
      && rect.top < q.bottom && q.top < rect.bottom);
    if (clash && !chosen.has(label.id)) {
      hidden += 1;
      continue;
    }
    placed.push({ ...rect, id: label.id, px: LABEL_PX });
    ctx.strokeText(label.name, p.x, top);
    ctx.fillText(label.name, p.x, top);
  }
  ctx.restore();
  shared.labels[state.name] = { placed, hidden };
}

// The names to draw, most important first (by size, then name), with their width
// on screen measured once.
function labelList(nodes) {
  const probe = document.createElement("canvas").getContext("2d");
  probe.font = `${LABEL_PX}px ${FONT}`;
  return nodes.filter((n) => n.name).map((n) => ({
    id: n.id, name: n.name, size: n.size, width: probe.measureText(n.name).width,
  })).sort((a, b) => (b.size - a.size) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// ------------------------------------------------------------------- fit
function reserved(state) {
  const legend = state.legend && !state.legend.classList.contains("folded")
    ? state.legend.getBoundingClientRect().height : 30;
  return { top: PAD + 30, bottom: PAD + legend + 6, left: PAD, right: PAD };
}

// Fit the drawing to the canvas, names included, clear of the legend and tools.
function fit(state, animate = false) {
  const { network } = state;
  const ids = state.labelIds;
  if (!ids.length) return;
  const where = network.getPositions(ids);
  const size = Object.fromEntries(state.labels.map((l) => [l.id, l.size]));
  const box = state.box.getBoundingClientRect();
  const pad = reserved(state);
  const widths = Object.fromEntries(state.labels.map((l) => [l.id, l.width]));
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  let side = 0;
  for (const id of ids) {
    const p = where[id];
    minX = Math.min(minX, p.x - size[id]);
    maxX = Math.max(maxX, p.x + size[id]);
    minY = Math.min(minY, p.y - size[id]);
    maxY = Math.max(maxY, p.y + size[id]);
  }
  // the names of the actors nearest the left and right edges may reach past them
  for (const id of ids) {
    const p = where[id];
    if (p.x - size[id] <= minX + (maxX - minX) * 0.1 || p.x + size[id] >= maxX - (maxX - minX) * 0.1) {
      side = Math.max(side, (widths[id] || 0) / 2);
    }
  }
  const width = Math.max(box.width - pad.left - pad.right - 2 * side, 40);
  const height = Math.max(box.height - pad.top - pad.bottom - LABEL_PX * 1.4, 40);
  const scale = Math.min(Math.max(Math.min(width / Math.max(maxX - minX, 1),
    height / Math.max(maxY - minY, 1)), 0.03), 1.25);
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const offset = {
    x: (pad.left - pad.right) / 2,
    y: (pad.top - pad.bottom - LABEL_PX * 1.4) / 2,
  };
  network.moveTo({ position: centre, scale, offset,
    animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
  saveView(state);
}

function saveView(state) {
  shared.views[state.name] = {
    position: state.network.getViewPosition(), scale: state.network.getScale(), fit: state.fit,
  };
}

// ------------------------------------------------------------ PNG and SVG
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// The legend as SVG elements, for the SVG file and, drawn, for the PNG.
function legendSvg(legend, width) {
  const g = svgElement("g", { "font-family": FONT, "font-size": 12, fill: "#31333f" });
  let y = 16;
  const rows = [];
  if (legend.net && legend.net.length) rows.push(["Lines", legend.net.map((n) => [n.color, plain(n.label), false])]);
  if (legend.types.length) rows.push(["Relations", legend.types.map((t) => [t.color, plain(t.label), false])]);
  rows.push(["Actors", legend.kinds.map((k) => [k.color, k.kind.replace("_", " "), k.shape])]);
  for (const [title, items] of rows) {
    let x = 8;
    const head = svgElement("text", { x, y, "font-weight": 600 });
    head.textContent = title;
    g.append(head);
    x += 70;
    for (const [color, text, shape] of items) {
      if (x > width - 120) {
        x = 78;
        y += 18;
      }
      if (shape) {
        const path = svgElement("path", { d: SHAPES[shape] || SHAPES.dot, fill: color,
          transform: `translate(${x},${y - 10})` });
        g.append(path);
        x += 16;
      } else {
        g.append(svgElement("line", { x1: x, y1: y - 4, x2: x + 24, y2: y - 4, stroke: color,
          "stroke-width": 3 }));
        x += 30;
      }
      const label = svgElement("text", { x, y });
      label.textContent = text;
      g.append(label);
      x += 7 * text.length + 16;
    }
    y += 18;
  }
  const note = svgElement("text", { x: 8, y, fill: "#5a5d66" });
  note.textContent = `${plain(legend.view)} · ${plain(legend.width)} · ${plain(legend.size)}`;
  g.append(note);
  return { g, height: y + 8 };
}

function edgePoints(state, id) {
  // vis-network's own geometry of the line (curved or straight), in canvas units
  const edge = state.network.body.edges[id];
  const type = edge && edge.edgeType;
  if (!type || typeof type.getPoint !== "function") return null;
  const via = typeof type._getViaCoordinates === "function" ? type._getViaCoordinates() : undefined;
  const points = [];
  for (let i = 0; i <= 24; i += 1) points.push(type.getPoint(i / 24, via));
  return points;
}

function nodePath(shape, x, y, r) {
  const poly = (points) => "M" + points.map(([a, b]) => `${(x + a * r).toFixed(1)} ${(y + b * r).toFixed(1)}`).join("L") + "Z";
  switch (shape) {
    case "triangle": return poly([[0, -1.15], [1, 0.6], [-1, 0.6]]);
    case "square": return poly([[-1, -1], [1, -1], [1, 1], [-1, 1]]);
    case "hexagon": return poly([[0, -1], [0.87, -0.5], [0.87, 0.5], [0, 1], [-0.87, 0.5], [-0.87, -0.5]]);
    case "star": {
      const pts = [];
      for (let i = 0; i < 10; i += 1) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const k = i % 2 ? 0.45 : 1.1;
        pts.push([Math.cos(a) * k, Math.sin(a) * k]);
      }
      return poly(pts);
    }
    default: return `M${(x - r).toFixed(1)} ${y.toFixed(1)}a${r.toFixed(1)} ${r.toFixed(1)} 0 1 0 ${(2 * r).toFixed(1)} 0a${r.toFixed(1)} ${r.toFixed(1)} 0 1 0 ${(-2 * r).toFixed(1)} 0Z`;
  }
}

// What is on screen as an SVG document: lines, arrowheads, actors, the names
// drawn on screen, and the legend under the drawing.
function toSvg(state) {
  const { network } = state;
  const box = state.box.getBoundingClientRect();
  const width = Math.round(box.width);
  const legend = legendSvg(state.legendData, width);
  const height = Math.round(box.height) + legend.height;
  const svg = svgElement("svg", { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}` });
  svg.append(svgElement("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }));
  const scale = network.getScale();
  const screen = (p) => network.canvasToDOM(p);
  const drawing = svgElement("g", {});
  for (const e of state.edges.get()) {
    const color = typeof e.color === "string" ? e.color : (e.color && e.color.color) || "#888";
    const points = edgePoints(state, e.id);
    if (!points) continue;
    const s = points.map(screen);
    const path = svgElement("path", {
      d: "M" + s.map((p) => `${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join("L"),
      fill: "none", stroke: color, "stroke-width": Math.max(e.width * scale, 0.8).toFixed(2),
      "stroke-opacity": 0.9 });
    if (Array.isArray(e.dashes)) path.setAttribute("stroke-dasharray", e.dashes.map((d) => d * scale).join(" "));
    drawing.append(path);
    if (e.arrows === "to" || (e.arrows && e.arrows.to && e.arrows.to.enabled)) {
      const target = state.nodes.get(e.to);
      const end = network.getPositions([e.to])[e.to];
      const r = (target ? target.size : 10) + 2;
      let i = points.length - 1;
      while (i > 0 && Math.hypot(points[i].x - end.x, points[i].y - end.y) < r) i -= 1;
      const tip = screen(points[Math.min(i + 1, points.length - 1)]);
      const back = screen(points[Math.max(i - 1, 0)]);
      const angle = Math.atan2(tip.y - back.y, tip.x - back.x);
      const size = Math.max(6, 4 + e.width * scale * 1.6);
      const a = (d) => `${(tip.x + size * Math.cos(angle + d)).toFixed(1)} ${(tip.y + size * Math.sin(angle + d)).toFixed(1)}`;
      drawing.append(svgElement("path", { d: `M${tip.x.toFixed(1)} ${tip.y.toFixed(1)}L${a(Math.PI - 0.45)}L${a(Math.PI + 0.45)}Z`, fill: color }));
    }
  }
  const where = network.getPositions(state.nodes.getIds());
  for (const n of state.nodes.get()) {
    const p = screen(where[n.id]);
    drawing.append(svgElement("path", { d: nodePath(n.shape, p.x, p.y, n.size * scale),
      fill: n.color, stroke: "#ffffff", "stroke-width": 1 }));
  }
  const placed = (shared.labels[state.name] || { placed: [] }).placed;
  for (const label of placed) {
    const n = state.nodes.get(label.id);
    const text = svgElement("text", { x: ((label.left + label.right) / 2).toFixed(1),
      y: (label.top + 1 + LABEL_PX).toFixed(1), "text-anchor": "middle", "font-family": FONT,
      "font-size": LABEL_PX, fill: "#1f2330", stroke: "#ffffff", "stroke-width": 4,
      "stroke-linejoin": "round", "paint-order": "stroke" });
    text.textContent = n.name;
    drawing.append(text);
  }
  svg.append(drawing);
  legend.g.setAttribute("transform", `translate(0, ${Math.round(box.height)})`);
  svg.append(legend.g);
  return new XMLSerializer().serializeToString(svg);
}

function toPng(state) {
  const source = state.box.querySelector("canvas");
  const ratio = source.width / Math.max(state.box.getBoundingClientRect().width, 1);
  const legend = legendSvg(state.legendData, source.width / ratio);
  const canvas = document.createElement("canvas");
  canvas.width = source.width;
  canvas.height = source.height + Math.round(legend.height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0);
  const svg = svgElement("svg", { xmlns: SVG, width: source.width / ratio, height: legend.height });
  svg.append(legend.g);
  const image = new Image();
  image.onload = () => {
    ctx.drawImage(image, 0, source.height, image.width * ratio, image.height * ratio);
    canvas.toBlob((blob) => download(blob, `${state.file}.png`), "image/png");
  };
  image.src = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)],
    { type: "image/svg+xml" }));
}

// ------------------------------------------------------------------- tools
function tools(state) {
  const bar = state.toolbar;
  bar.replaceChildren();
  const button = (text, title, action) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.dataset.tool = text.toLowerCase().replace(/[^a-z]/g, "");
    b.addEventListener("click", action);
    bar.append(b);
  };
  button("Fit", "Fit the drawing to the canvas", () => fit(state, true));
  if (state.relayout) {
    button("Re-layout", "Lay out the actors drawn afresh (the others keep their places)", () => {
      state.actions += 1;
      state.send("action", { kind: "relayout", n: state.actions });
    });
  }
  button("PNG", "Download what is on screen as a PNG image", () => toPng(state));
  button("SVG", "Download what is on screen as an SVG drawing", () => {
    download(new Blob([toSvg(state)], { type: "image/svg+xml" }), `${state.file}.svg`);
  });
}

// ----------------------------------------------------------------- drawing
function emphasiseNode(values, id, selected, hovering) {
  if (selected) {
    values.borderWidth = 3;
    values.borderColor = "#262730";
    values.shadow = true;
    values.shadowColor = "rgba(0, 0, 0, 0.35)";
    values.shadowSize = 10;
  } else if (hovering) {
    values.borderWidth = 2;
  }
}

function emphasiseEdge(values, id, selected, hovering) {
  if (selected) {
    values.width = Math.max(values.width * 2, 5);
    values.shadow = true;
    values.shadowColor = "rgba(0, 0, 0, 0.35)";
    values.shadowSize = 8;
  } else if (hovering) {
    values.width += 1;
  }
}

// vis-network puts its tooltip away only when the pointer moves over the canvas: a
// new drawing, a zoom onto a found actor, or the pointer leaving the canvas, puts it
// away too, and forgets the
// item it was about, so that the next hover reads the new drawing. These are
// vis-network's own fields (interactionHandler.popupTimer, popupObj, popup), as in
// the 9.1.x that pyvis ships; the browser test of the stale tooltip checks them.
function hideTooltip(network) {
  const handler = network.interactionHandler;
  clearTimeout(handler.popupTimer);
  handler.popupTimer = undefined;
  handler.popupObj = undefined;
  if (handler.popup && !handler.popup.hidden) {
    handler.popup.hide();
    network.body.emitter.emit("hidePopup");
  }
}

function wire(state) {
  const { network } = state;
  state.box.addEventListener("pointerleave", () => hideTooltip(network));
  network.on("click", (p) => {
    let value = { kind: null, id: null };
    if (p.nodes.length) value = { kind: "node", id: String(p.nodes[0]) };
    else if (p.edges.length) {
      const edge = state.edges.get(p.edges[0]);
      value = { kind: edge && edge.kind === "line" ? "line" : "edge", id: String(p.edges[0]) };
    }
    state.send("select", value);
  });
  network.on("hoverNode", (p) => { state.hover = p.node; });
  network.on("blurNode", () => { state.hover = null; });
  network.on("zoom", () => {
    saveView(state);
    if (state.edgeLabels) network.setOptions({ edges: { font: { size: 12 / network.getScale() } } });
  });
  network.on("dragEnd", (p) => {
    saveView(state);
    if (p.nodes.length) {
      const moved = network.getPositions(p.nodes);
      state.moves += 1;
      state.send("moved", { n: state.moves, positions: Object.fromEntries(
        Object.entries(moved).map(([id, q]) => [id, [Math.round(q.x * 10) / 10, Math.round(q.y * 10) / 10]])) });
    }
  });
  network.on("animationFinished", () => saveView(state));
  network.on("afterDrawing", (ctx) => {
    drawLabels(state, ctx);
    if (state.settled && shared.drawn[state.name] !== state.version) {
      state.box.dataset.drawn = state.version;
      shared.drawn[state.name] = state.version;
      // from receiving the drawing to its first settled paint (read by bench/app.py)
      performance.measure(`explorer-${state.name}-painted`, `explorer-${state.name}-start`);
    }
  });
}

function draw(box, data, state) {
  const payload = decode(data);
  for (const n of payload.nodes) delete n.group; // a vis group would repaint the node
  const options = {
    ...payload.options,
    nodes: { ...payload.options.nodes, chosen: { node: emphasiseNode, label: false } },
    edges: { ...payload.options.edges, chosen: { edge: emphasiseEdge, label: false } },
    physics: { enabled: false },
  };
  const first = !state;
  if (first) {
    const nodes = new vis.DataSet(payload.nodes);
    const edges = new vis.DataSet(payload.edges);
    const network = new vis.Network(box, { nodes, edges }, options);
    state = { box, name: data.name, network, nodes, edges, moves: 0, actions: 0 };
    shared.networks[data.name] = network;
    wire(state);
  } else {
    // a new drawing replaces the old in one go (cheaper than diffing thousands of
    // lines); the viewport is put back before the next frame is painted
    const view = { position: state.network.getViewPosition(), scale: state.network.getScale() };
    hideTooltip(state.network);
    state.network.setData({ nodes: [], edges: [] });
    state.network.setOptions(options);
    state.nodes = new vis.DataSet(payload.nodes);
    state.edges = new vis.DataSet(payload.edges);
    state.network.setData({ nodes: state.nodes, edges: state.edges });
    state.network.moveTo({ ...view, animation: false });
  }
  state.version = data.version;
  state.labels = labelList(payload.nodes);
  state.labelIds = state.labels.map((l) => l.id);
  state.edgeLabels = payload.edges.some((e) => e.label);
  if (state.edgeLabels) state.network.setOptions({ edges: { font: { size: 12 / state.network.getScale() } } });
  state.settled = false;
  box.dataset.drawn = "";
  return state;
}

function select(state, data) {
  const { network } = state;
  const chosen = data.selected;
  if (chosen && chosen.kind === "node" && state.nodes.get(chosen.id)) {
    network.selectNodes([chosen.id]);
    if (data.focus && data.focus !== state.focus) {
      state.focus = data.focus;
      hideTooltip(network); // the drawing moves away from under the pointer
      network.focus(chosen.id, {
        scale: Math.max(network.getScale(), 1.0),
        animation: { duration: 400, easingFunction: "easeInOutQuad" },
      });
    }
  } else if (chosen && chosen.kind !== "node" && chosen.line && state.edges.get(chosen.line)) {
    network.selectEdges([chosen.line]);
  } else {
    network.unselectAll();
  }
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = component.data;
  const box = parentElement.querySelector(".explorer-canvas");
  if (data.height) box.style.height = `${data.height}px`;
  let state = mounted.get(box);
  const fresh = !state;
  if (!state || state.version !== data.version) {
    // the drawing travels as one JSON string; parse it only when it is a new one
    performance.mark(`explorer-${data.name}-start`);
    const drawing = { ...JSON.parse(data.drawing), name: data.name, version: data.version };
    state = draw(box, drawing, state);
    state.legendData = drawing.legend;
    state.legend = parentElement.querySelector(".explorer-legend");
    state.toolbar = parentElement.querySelector(".explorer-tools");
    mounted.set(box, state);
    drawLegend(state.legend, drawing.legend, () => saveView(state));
  }
  state.send = setTriggerValue;
  state.file = data.file || "relations-view";
  if (state.relayout !== Boolean(data.relayout) || fresh) {
    state.relayout = Boolean(data.relayout);
    tools(state);
  }
  const kept = shared.views[data.name];
  if (state.fit !== data.fit) {
    state.fit = data.fit;
    if (fresh && kept && kept.fit === data.fit) {
      state.network.moveTo({ position: kept.position, scale: kept.scale, animation: false });
    } else {
      fit(state);
    }
  }
  select(state, data);
  if (!state.settled) {
    state.settled = true;
    state.network.redraw();
    // how long drawing took (read by bench/app.py): parse, build, first paint
    performance.measure(`explorer-${data.name}-draw`, `explorer-${data.name}-start`);
  }
}
