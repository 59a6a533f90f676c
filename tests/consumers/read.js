// Read one export with the library its tool uses, default options, and print
// what that library made of it as JSON on stdout (the test compares it with
// the View). Anything the library printed as a warning is reported too.
//
//   node read.js gexf|graphml|cytoscape FILE

'use strict';

const fs = require('fs');

const warnings = [];
for (const level of ['warn', 'error']) {
  console[level] = (...args) => warnings.push(args.map(String).join(' '));
}

function fromGraphology(graph) {
  const nodes = {};
  graph.forEachNode((key, attributes) => {
    nodes[key] = attributes;
  });
  const edges = [];
  graph.forEachEdge((key, attributes, source, target, _s, _t, undirected) => {
    edges.push({key, source, target, undirected, attributes});
  });
  return {
    type: graph.type, multi: graph.multi, order: graph.order, size: graph.size,
    attributes: graph.getAttributes(), nodes, edges,
  };
}

function fromCytoscape(text) {
  const cytoscape = require('cytoscape');
  const doc = JSON.parse(text);
  const cy = cytoscape({headless: true, styleEnabled: true, elements: doc.elements,
                        style: doc.style, layout: doc.layout, data: doc.data});
  const look = (element, names) => Object.fromEntries(names.map((n) => [n, element.style(n)]));
  const nodes = {};
  cy.nodes().forEach((node) => {
    nodes[node.id()] = {data: node.data(), position: node.position(),
                        style: look(node, ['label', 'shape', 'background-color'])};
  });
  const edges = cy.edges().map((edge) => ({
    key: edge.id(), source: edge.source().id(), target: edge.target().id(), data: edge.data(),
    style: look(edge, ['line-color', 'target-arrow-shape', 'target-arrow-fill', 'line-style',
                       'width', 'label']),
  }));
  return {order: cy.nodes().length, size: cy.edges().length, data: cy.data(), nodes, edges};
}

function main() {
  const [format, path] = process.argv.slice(2);
  const text = fs.readFileSync(path, 'utf8');
  let result;
  if (format === 'gexf') {
    result = fromGraphology(require('graphology-gexf').parse(require('graphology'), text));
  } else if (format === 'graphml') {
    result = fromGraphology(require('graphology-graphml').parse(require('graphology'), text));
  } else if (format === 'cytoscape') {
    result = fromCytoscape(text);
  } else {
    throw new Error(`unknown format ${format}`);
  }
  // exit once written: Cytoscape.js keeps a timer alive even when headless
  process.stdout.write(JSON.stringify({...result, warnings}), () => process.exit(0));
}

main();
