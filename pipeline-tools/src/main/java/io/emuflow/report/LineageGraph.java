package io.emuflow.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's lineage as an inline SVG: one box per step execution, in columns by depth (the study file on the left,
 * the model on the right), one line per data dependency. No script and no external library, so the page stays
 * self-contained and renders offline.
 */
final class LineageGraph {
    record Node(long id, String label, String detail) {}

    private static final int BOX_W = 150;
    private static final int BOX_H = 40;
    private static final int GAP_X = 50;
    private static final int GAP_Y = 14;

    private LineageGraph() {}

    /**
     * @param nodes executions by id
     * @param edges pairs {producer, consumer}
     */
    static String svg(Map<Long, Node> nodes, List<long[]> edges) {
        Map<Long, Integer> depth = new HashMap<>();
        for (long id : nodes.keySet()) {
            depth(id, edges, depth, 0);
        }
        Map<Integer, List<Long>> columns = new java.util.TreeMap<>();
        nodes.keySet().stream().sorted().forEach(id -> columns.computeIfAbsent(depth.get(id), d -> new ArrayList<>()).add(id));
        Map<Long, int[]> at = new LinkedHashMap<>();
        int maxRows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        for (Map.Entry<Integer, List<Long>> column : columns.entrySet()) {
            int row = 0;
            for (long id : column.getValue()) {
                at.put(id, new int[] {10 + column.getKey() * (BOX_W + GAP_X), 10 + row++ * (BOX_H + GAP_Y)});
            }
        }
        int width = 20 + columns.size() * (BOX_W + GAP_X) - GAP_X;
        int height = 20 + maxRows * (BOX_H + GAP_Y) - GAP_Y;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"lineage\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"lineage\">");
        for (long[] e : edges) {
            int[] a = at.get(e[0]);
            int[] b = at.get(e[1]);
            if (a != null && b != null) {
                svg.append("<line x1=\"").append(a[0] + BOX_W).append("\" y1=\"").append(a[1] + BOX_H / 2).append("\" x2=\"").append(b[0])
                        .append("\" y2=\"").append(b[1] + BOX_H / 2).append("\" stroke=\"#888\"/>");
            }
        }
        for (Map.Entry<Long, int[]> e : at.entrySet()) {
            Node n = nodes.get(e.getKey());
            int[] p = e.getValue();
            svg.append("<g><title>").append(escape(n.detail())).append("</title><rect x=\"").append(p[0]).append("\" y=\"").append(p[1])
                    .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#3b6db3\"/>")
                    .append("<text x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 25)
                    .append("\" text-anchor=\"middle\" font-size=\"12\">").append(escape(n.label())).append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Longest path from a source: the column of an execution. */
    private static int depth(long id, List<long[]> edges, Map<Long, Integer> memo, int guard) {
        Integer known = memo.get(id);
        if (known != null) {
            return known;
        }
        int d = 0;
        if (guard < 1000) {
            for (long[] e : edges) {
                if (e[1] == id && e[0] != id) {
                    d = Math.max(d, depth(e[0], edges, memo, guard + 1) + 1);
                }
            }
        }
        memo.put(id, d);
        return d;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
