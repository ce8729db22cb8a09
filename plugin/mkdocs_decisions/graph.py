"""The supersession graph: which record replaced which.

An edge points from the newer record to the one it replaces. It exists when
either side says so (`supersedes` on the newer one, `superseded_by` on the
older one), so the graph is right even while a link is still one-sided.
"""

from __future__ import annotations

from typing import Iterable

from .ids import sorted_ids
from .model import Record


class SupersessionGraph:
    def __init__(self, records: Iterable[Record], known: set[str]) -> None:
        #: newer id -> ids it replaces
        self.replaces: dict[str, set[str]] = {}
        #: older id -> ids replacing it
        self.replaced_by: dict[str, set[str]] = {}
        for record in records:
            if record.id is None:
                continue
            for target in record.targets("supersedes"):
                if target in known:
                    self._add(record.id, target)
            for target in record.targets("superseded_by"):
                if target in known:
                    self._add(target, record.id)

    def _add(self, newer: str, older: str) -> None:
        self.replaces.setdefault(newer, set()).add(older)
        self.replaced_by.setdefault(older, set()).add(newer)

    def cycles(self) -> list[list[str]]:
        """One cycle per strongly connected group, each as ids from its smallest id
        round to it again (`[A, B, A]`), in a stable order."""
        found = []
        for component in self._strongly_connected():
            members = set(component)
            start = sorted_ids(members)[0]
            if len(members) == 1 and start not in self.replaces.get(start, ()):
                continue
            found.append(self._cycle_through(start, members))
        return sorted(found)

    def _cycle_through(self, start: str, members: set[str]) -> list[str]:
        """A shortest cycle from `start` back to itself inside `members` (BFS)."""
        parents: dict[str, str] = {}
        queue = [start]
        for node in queue:
            for successor in sorted_ids(self.replaces.get(node, ())):
                if successor not in members:
                    continue
                if successor == start:
                    chain = [node]
                    while chain[-1] != start:
                        chain.append(parents[chain[-1]])
                    return [*reversed(chain), start]
                if successor not in parents:
                    parents[successor] = node
                    queue.append(successor)
        raise AssertionError("component without a cycle")

    def _strongly_connected(self) -> list[list[str]]:
        """Tarjan's algorithm, iterative so long chains do not hit the recursion limit."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        components: list[list[str]] = []
        counter = 0
        for root in sorted_ids(self.replaces):
            if root in index:
                continue
            work = [(root, iter(sorted_ids(self.replaces.get(root, ()))))]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, successors = work[-1]
                advanced = False
                for successor in successors:
                    if successor not in index:
                        index[successor] = low[successor] = counter
                        counter += 1
                        stack.append(successor)
                        on_stack.add(successor)
                        work.append((successor, iter(sorted_ids(self.replaces.get(successor, ())))))
                        advanced = True
                        break
                    if successor in on_stack:
                        low[node] = min(low[node], index[successor])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
        return components


def lineage(graph: SupersessionGraph, record_id: str) -> list[str]:
    """Every record connected to `record_id` by supersession, in either
    direction and through any number of steps (its whole chain), sorted."""
    seen = {record_id}
    pending = [record_id]
    while pending:
        current = pending.pop()
        for other in (*graph.replaces.get(current, ()), *graph.replaced_by.get(current, ())):
            if other not in seen:
                seen.add(other)
                pending.append(other)
    return sorted_ids(seen)

