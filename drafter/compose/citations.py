"""Which facts a template or a text cites, read from its Jinja syntax tree."""

from __future__ import annotations

ALL_FACTS = "*"  # `facts` used in a way that names no fact (a loop, a computed key): it may cite any


def facts_in_ast(node, out: set[str], parent=None) -> None:
    """Add to out the facts cited under node: `facts.NAME`, `facts["NAME"]`, else ALL_FACTS."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name) and node.name == "facts":
        if isinstance(parent, nodes.Getattr) and parent.node is node:
            out.add(parent.attr)
        elif (isinstance(parent, nodes.Getitem) and parent.node is node and isinstance(parent.arg, nodes.Const)
              and isinstance(parent.arg.value, str)):
            out.add(parent.arg.value)
        else:
            out.add(ALL_FACTS)
    for child in node.iter_child_nodes():
        facts_in_ast(child, out, node)
