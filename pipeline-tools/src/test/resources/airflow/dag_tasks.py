"""Reads a DAG file written by `emuflow airflow-dag` with Python's ast module (Airflow is not installed here).

  python3 dag_tasks.py DAG.py graph          -> {"dag_id": ..., "graph": {task_id: [downstream task ids]}}
  python3 dag_tasks.py DAG.py tasks RUN_ID   -> [{"task_id", "command", "env"}] in dependency order, with the
                                                templates rendered as Airflow would (defaults of the DAG params)

The graph is read from the BashOperator(task_id=...) assignments and the `a >> b >> c` expressions, the shape
of Airflow's documented DAG structure test (task id -> downstream task ids).
"""
import ast
import json
import re
import sys


def literal(node, names):
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    return ast.literal_eval(node)


def read(path):
    tree = ast.parse(open(path).read(), path)
    names, tasks, edges, params, dag_id = {}, {}, [], {}, None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            value = node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "BashOperator":
                kw = {k.arg: k.value for k in value.keywords}
                task_id = ast.literal_eval(kw["task_id"])
                command = kw["bash_command"]
                if isinstance(command, ast.Subscript):   # COMMANDS["x"]
                    command = names[command.value.id][ast.literal_eval(command.slice)]
                else:
                    command = ast.literal_eval(command)
                tasks[target] = {"task_id": task_id, "command": command, "env": names.get(getattr(kw.get("env"), "id", None), {})}
            else:
                try:
                    names[target] = ast.literal_eval(value)
                except ValueError:
                    pass
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            for k in node.keywords:
                if k.arg == "dag_id":
                    dag_id = ast.literal_eval(k.value)
                if k.arg == "params":
                    for key, call in zip(k.value.keys, k.value.values):
                        params[ast.literal_eval(key)] = ast.literal_eval(call.args[0])
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.RShift):
            chain, expr = [], node.value
            while isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.RShift):
                chain.insert(0, expr.right.id)
                expr = expr.left
            chain.insert(0, expr.id)
            edges += list(zip(chain, chain[1:]))
    graph = {t["task_id"]: [] for t in tasks.values()}
    for a, b in edges:
        graph[tasks[a]["task_id"]].append(tasks[b]["task_id"])
    return dag_id, graph, list(tasks.values()), params


def order(graph):
    indegree = {t: 0 for t in graph}
    for ds in graph.values():
        for d in ds:
            indegree[d] += 1
    ready, out = [t for t, n in indegree.items() if n == 0], []
    while ready:
        t = ready.pop(0)
        out.append(t)
        for d in graph[t]:
            indegree[d] -= 1
            if indegree[d] == 0:
                ready.append(d)
    return out


def render(template, context):
    # the only templates the generator writes: {{ run_id }} and {{ params.NAME }}
    return re.sub(r"\{\{\s*(run_id|params\.(\w+))\s*\}\}",
                  lambda m: str(context["run_id"] if m.group(1) == "run_id" else context["params"][m.group(2)]), template)


def main():
    path, mode = sys.argv[1], sys.argv[2]
    dag_id, graph, tasks, params = read(path)
    if mode == "graph":
        print(json.dumps({"dag_id": dag_id, "graph": graph}))
        return
    context = {"run_id": sys.argv[3], "params": params}
    by_id = {t["task_id"]: t for t in tasks}
    print(json.dumps([{"task_id": t, "command": render(by_id[t]["command"], context),
                       "env": {k: render(v, context) for k, v in by_id[t]["env"].items()}} for t in order(graph)]))


if __name__ == "__main__":
    main()
