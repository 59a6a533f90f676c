// The graph component: vis-network (pyvis's copy, inlined before this code by
// network.py) draws `render.vis_data` output, and a click on a node or an edge
// goes back to Python as {kind, id}.
//
// Safety: every string from the data arrives HTML-escaped (Python's html.escape).
// `plain` decodes those five entities back to text, without any HTML parser: labels
// are drawn on the canvas, tooltips are set by vis-network 9 as innerText, and the
// legend is built with textContent. Nothing from the data is ever parsed as markup.
//
// Stability: positions, once settled, and the viewport (zoom and pan) are kept
// per graph in the page, so a rerun, a filter change or a return to the page
// leaves the drawing where the analyst put it. New actors start from the
// precomputed positions; physics, when allowed, moves only them and stops
// once the layout settles.

const shared = (globalThis.__explorer ||= {
  networks: {}, views: {}, positions: {}, drawn: {},
});
const mounted = new WeakMap();
const SVG = "http://www.w3.org/2000/svg";
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
  for (const item of data.nodes.concat(data.edges)) {
    if (typeof item.label === "string") item.label = plain(item.label);
    if (typeof item.title === "string") item.title = plain(item.title);
  }
  return data;
}

function lineSwatch(color, dashes) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "28");
  svg.setAttribute("height", "10");
  const line = document.createElementNS(SVG, "line");
  for (const [k, v] of [["x1", 1], ["y1", 5], ["x2", 27], ["y2", 5]]) line.setAttribute(k, v);
  line.setAttribute("stroke", color);
  line.setAttribute("stroke-width", "3");
  if (Array.isArray(dashes)) line.setAttribute("stroke-dasharray", dashes.join(" "));
  svg.append(line);
  return svg;
}

function shapeSwatch(shape, color) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "12");
  svg.setAttribute("height", "12");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", SHAPES[shape] || SHAPES.dot);
  path.setAttribute("fill", color);
  svg.append(path);
  return svg;
}

function drawLegend(element, legend) {
  element.replaceChildren();
  const row = (title) => {
    const div = document.createElement("div");
    div.className = "row";
    const head = document.createElement("span");
    head.className = "head";
    head.textContent = title;
    div.append(head);
    element.append(div);
    return div;
  };
  const item = (parent, swatch, text) => {
    const span = document.createElement("span");
    span.className = "item";
    if (swatch) span.append(swatch);
    span.append(document.createTextNode(text));
    parent.append(span);
  };
  if (legend.types.length) {
    const r = row("Relations");
    for (const t of legend.types) {
      item(r, lineSwatch(t.color, false), plain(t.label) + (t.directed ? "" : " (mutual)"));
    }
  }
  const lines = row("Lines");
  for (const s of legend.lines) item(lines, lineSwatch("#666", s.dashes), STYLE_NAMES[s.style] || s.style);
  const kinds = row("Actors");
  for (const k of legend.kinds) item(kinds, shapeSwatch(k.shape, k.color), k.kind.replace("_", " "));
  item(kinds, null, "· " + plain(legend.size) + " · " + plain(legend.width));
}

// a selected actor or line stands out: a dark ring, a thicker line with a shadow
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

function saveView(state) {
  shared.views[state.name] = {
    position: state.network.getViewPosition(), scale: state.network.getScale(),
  };
}

function savePositions(state) {
  shared.positions[state.name] = {
    ...(shared.positions[state.name] || {}), ...state.network.getPositions(),
  };
}

function wire(state) {
  const { network } = state;
  network.on("click", (p) => {
    let value = { kind: null, id: null };
    if (p.nodes.length) value = { kind: "node", id: String(p.nodes[0]) };
    else if (p.edges.length) value = { kind: "edge", id: String(p.edges[0]) };
    state.send("select", value);
  });
  network.on("zoom", () => saveView(state));
  network.on("dragEnd", (p) => {
    saveView(state);
    if (p.nodes.length) savePositions(state);
  });
  network.on("animationFinished", () => saveView(state));
  network.on("afterDrawing", () => {
    if (state.settled && shared.drawn[state.name] !== state.version) {
      state.box.dataset.drawn = state.version;
      shared.drawn[state.name] = state.version;
      // from receiving the drawing to its first settled paint (read by bench/app.py)
      performance.measure(`explorer-${state.name}-painted`, `explorer-${state.name}-start`);
    }
  });
}

function draw(box, data, state) {
  const name = data.name;
  const payload = decode(data); // a fresh parse each time: decoded once
  const known = shared.positions[name] || {};
  const physicsAllowed = Boolean(payload.options.physics && payload.options.physics.enabled);
  let fresh = 0;
  for (const n of payload.nodes) {
    delete n.group; // a vis group would repaint the node in vis's own palette
    const p = known[n.id];
    if (p) {
      n.x = p.x;
      n.y = p.y;
    } else {
      fresh += 1;
    }
    n.fixed = Boolean(p) && physicsAllowed;
  }
  const physics = physicsAllowed && fresh > 0;
  const options = {
    ...payload.options,
    nodes: { ...payload.options.nodes, chosen: { node: emphasiseNode, label: false } },
    edges: { ...payload.options.edges, chosen: { edge: emphasiseEdge, label: false } },
    physics: {
      ...payload.options.physics, enabled: physics,
      stabilization: { ...(payload.options.physics || {}).stabilization, fit: false },
    },
  };
  const first = !state;
  if (first) {
    const nodes = new vis.DataSet(payload.nodes);
    const edges = new vis.DataSet(payload.edges);
    // with physics, the constructor starts stabilising (in timer batches)
    const network = new vis.Network(box, { nodes, edges }, options);
    state = { box, name, network, nodes, edges };
    shared.networks[name] = network;
    wire(state);
  } else {
    // a new drawing replaces the old in one go (cheaper than diffing thousands of
    // lines); the viewport is put back before the next frame is painted
    const view = { position: state.network.getViewPosition(), scale: state.network.getScale() };
    state.network.setData({ nodes: [], edges: [] });
    state.network.setOptions(options);
    state.nodes = new vis.DataSet(payload.nodes);
    state.edges = new vis.DataSet(payload.edges);
    state.network.setData({ nodes: state.nodes, edges: state.edges });
    state.network.moveTo({ ...view, animation: false });
  }
  state.version = data.version;
  state.settled = false;
  box.dataset.drawn = "";
  const finish = () => {
    if (physics) {
      state.network.setOptions({ physics: { enabled: false } });
      state.nodes.update(state.nodes.getIds().map((id) => ({ id, fixed: false })));
    }
    savePositions(state);
    if (first) {
      const view = shared.views[name];
      if (view) state.network.moveTo({ ...view, animation: false });
      else {
        state.network.fit({ animation: false });
        saveView(state);
      }
    }
    state.settled = true;
    state.network.redraw();
    // how long drawing took (read by bench/app.py): parse, build, settle, first paint
    performance.measure(`explorer-${name}-draw`, `explorer-${name}-start`);
  };
  if (physics) {
    state.network.once("stabilizationIterationsDone", finish); // setData stabilises
  } else {
    finish();
  }
  return state;
}

function select(state, data) {
  const { network } = state;
  const chosen = data.selected;
  if (chosen && chosen.kind === "node" && state.nodes.get(chosen.id)) {
    network.selectNodes([chosen.id]);
    if (data.focus && data.focus !== state.focus) {
      state.focus = data.focus;
      network.focus(chosen.id, {
        scale: Math.max(network.getScale(), 1.0),
        animation: { duration: 400, easingFunction: "easeInOutQuad" },
      });
    }
  } else if (chosen && chosen.kind === "edge" && state.edges.get(chosen.id)) {
    network.selectEdges([chosen.id]);
  } else {
    network.unselectAll();
  }
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = component.data;
  const box = parentElement.querySelector(".explorer-canvas");
  box.style.height = `${data.height || 620}px`;
  let state = mounted.get(box);
  if (!state || state.version !== data.version) {
    // the drawing travels as one JSON string; parse it only when it is a new one
    performance.mark(`explorer-${data.name}-start`);
    const drawing = { ...JSON.parse(data.drawing), name: data.name, version: data.version };
    state = draw(box, drawing, state);
    mounted.set(box, state);
    drawLegend(parentElement.querySelector(".explorer-legend"), drawing.legend);
  }
  state.send = setTriggerValue;
  select(state, data);
}
