"""The layered graph layout behind the lineage and whole-archive SVG graphs:
exact boxes and edge routes for small graphs, worked out by hand from the
layout's constants and rules (layout.py's module docstring):

    NODE_WIDTH 184, NODE_HEIGHT 58, LAYER_GAP 46, NODE_GAP 24,
    DUMMY_WIDTH 8, COMPONENT_GAP 40, max_width 900 by default.

A node in layer d has y = d * (58 + 46) = 104 * d. Boxes of a row start
packed 208 (184 + 24) apart; six sweeps then move every node so its centre
sits on the mean of its neighbours' centres (even sweeps: parents, top row
first; odd sweeps: children, bottom row first), pushing nodes of a row apart
to keep the gap and shifting the row back by the mean of the pushes. Finally
everything moves right so the leftmost box is at x = 0. An edge is routed
from the middle of its source's bottom side, through each dummy's centre
(top and bottom of the dummy's layer), to the middle of its target's top.
"""

from __future__ import annotations

from pytest import approx

from mkdocs_decisions.layout import components, layout


def boxes(drawing) -> dict[str, tuple[float, float, int]]:
    return {node.id: (node.x, node.y, node.layer) for node in drawing.nodes.values()}


def routes(drawing) -> list[tuple[str, str, list[tuple[float, float]]]]:
    return [(route.source, route.target, route.points) for route in drawing.routes]


def edges_of(*pairs: str) -> tuple[list[str], list[tuple[str, str]]]:
    edges = [(pair[0], pair[1]) for pair in pairs]
    return sorted({node for edge in edges for node in edge}), edges


# --- components and shelves ----------------------------------------------------


def test_components_put_linked_groups_before_single_nodes():
    """Linked groups are drawn first and single records after them, each group in id order."""
    assert components(["A", "B", "C"], [("C", "B")]) == [["B", "C"], ["A"]]
    assert components(["A", "B", "C", "D"], [("A", "B"), ("C", "D")]) == [["A", "B"], ["C", "D"]]
    assert components(["B", "A"], []) == [["A"], ["B"]]


def test_single_records_pack_left_to_right_then_wrap_at_900():
    """Unlinked records sit 224 apart (184 + 40) and wrap to a new shelf past 900 wide."""
    drawing = layout(["A", "B", "C", "D", "E"], [])
    # D ends at 672 + 184 = 856 <= 900; E would end at 896 + 184 = 1080 > 900,
    # so it starts a new shelf at y = 58 + 40 = 98.
    assert boxes(drawing) == {
        "A": (0.0, 0.0, 0),
        "B": (224.0, 0.0, 0),
        "C": (448.0, 0.0, 0),
        "D": (672.0, 0.0, 0),
        "E": (0.0, 98.0, 0),
    }
    assert routes(drawing) == []
    assert (drawing.width, drawing.height) == (856.0, 156.0)


def test_a_record_that_ends_exactly_at_the_limit_stays_on_the_shelf():
    """The limit is inclusive: a box ending exactly at max_width does not wrap."""
    drawing = layout(["A", "B"], [], max_width=408.0)  # B ends at 224 + 184 = 408
    assert boxes(drawing) == {"A": (0.0, 0.0, 0), "B": (224.0, 0.0, 0)}
    assert (drawing.width, drawing.height) == (408.0, 58.0)


def test_a_first_component_wider_than_the_limit_still_starts_at_the_top():
    """Nothing is pushed down when even the first component is wider than max_width."""
    drawing = layout(["A", "B"], [], max_width=100.0)
    assert boxes(drawing) == {"A": (0.0, 0.0, 0), "B": (0.0, 98.0, 0)}
    assert (drawing.width, drawing.height) == (184.0, 156.0)


def test_a_linked_component_is_drawn_before_and_beside_single_records():
    """A linked pair comes first, at the left; the single record follows on the same shelf."""
    drawing = layout(["A", "B", "C"], [("B", "C")])
    # B over C (one column, 184 wide, 58 + 46 + 58 = 162 high), then A at 184 + 40.
    assert boxes(drawing) == {"B": (0.0, 0.0, 0), "C": (0.0, 104.0, 1), "A": (224.0, 0.0, 0)}
    assert routes(drawing) == [("B", "C", [(92.0, 58.0), (92.0, 104.0)])]
    assert (drawing.width, drawing.height) == (408.0, 162.0)


def test_a_component_that_does_not_fit_goes_to_a_new_shelf_below_the_tallest():
    """The next shelf starts below the tallest component of the shelf above, plus the gap."""
    nodes = ["A", "B", "C", "P", "Q"]
    # component [A, B, C] is a chain of three layers: 184 wide, 3 * 104 - 46 = 266 high;
    # component [P, Q] is a fork-less pair in two layers: 184 wide, 162 high.
    drawing = layout(nodes, [("A", "B"), ("B", "C"), ("P", "Q")], max_width=400.0)
    # P, Q would end at 224 + 184 = 408 > 400: new shelf at y = 266 + 40 = 306.
    assert boxes(drawing) == {
        "A": (0.0, 0.0, 0),
        "B": (0.0, 104.0, 1),
        "C": (0.0, 208.0, 2),
        "P": (0.0, 306.0, 0),
        "Q": (0.0, 410.0, 1),
    }
    assert routes(drawing)[-1] == ("P", "Q", [(92.0, 364.0), (92.0, 410.0)])
    assert (drawing.width, drawing.height) == (184.0, 306.0 + 162.0)


# --- exact drawings of small graphs ------------------------------------------------


def test_a_child_with_two_parents_sits_centred_below_them():
    """Two records superseded by one: the parents side by side, the child centred under them."""
    drawing = layout(*edges_of("AC", "BC"))
    # Rows [A, B] and [C]. Sweep 0: A, B keep 0 and 208; C's centre goes to the
    # mean of 92 and 300 = 196, so C.x = 104. Sweep 1: A and B both want their
    # centre on 196 (x = 104), are pushed to 104 and 312, and the row shifts back
    # by the mean push (0 + 208) / 2 = 104: 0 and 208 again. Nothing moves after.
    assert boxes(drawing) == {"A": (0.0, 0.0, 0), "B": (208.0, 0.0, 0), "C": (104.0, 104.0, 1)}
    assert routes(drawing) == [
        ("A", "C", [(92.0, 58.0), (196.0, 104.0)]),
        ("B", "C", [(300.0, 58.0), (196.0, 104.0)]),
    ]
    assert (drawing.width, drawing.height) == (392.0, 162.0)


def test_a_parent_with_two_children_sits_centred_above_them():
    """One record split in two: the children side by side, the parent centred over them."""
    drawing = layout(*edges_of("AB", "AC"))
    # Sweep 0: B and C both want x = 0 under A, are packed to 0 and 208 and
    # shifted back by 104: -104 and 104. Sweep 1: A's centre goes to the mean of
    # -12 and 196 = 92, so A stays at 0. Moving everything right by 104:
    assert boxes(drawing) == {"A": (104.0, 0.0, 0), "B": (0.0, 104.0, 1), "C": (208.0, 104.0, 1)}
    assert routes(drawing) == [
        ("A", "B", [(196.0, 58.0), (92.0, 104.0)]),
        ("A", "C", [(196.0, 58.0), (300.0, 104.0)]),
    ]
    assert (drawing.width, drawing.height) == (392.0, 162.0)


def test_a_tree_keeps_each_child_under_its_own_parent():
    """R splits into A, B, C; A and C each have one child, drawn straight under them."""
    drawing = layout(*edges_of("RA", "RB", "RC", "AD", "CE"))
    # Rows [R], [A, B, C], [D, E]. Sweep 0: A, B, C all want x = 0 under R, pack
    # to 0, 208, 416 and shift back by 208: -208, 0, 208. D goes under A (-208),
    # E under C (208); they are 416 apart, more than the 208 needed, so neither
    # moves. Sweep 1: A and C stay over D and E, B (no child) stays put, R stays
    # over the mean of A, B, C. Moving everything right by 208:
    assert boxes(drawing) == {
        "R": (208.0, 0.0, 0),
        "A": (0.0, 104.0, 1),
        "B": (208.0, 104.0, 1),
        "C": (416.0, 104.0, 1),
        "D": (0.0, 208.0, 2),
        "E": (416.0, 208.0, 2),
    }
    assert routes(drawing) == [
        ("A", "D", [(92.0, 162.0), (92.0, 208.0)]),
        ("C", "E", [(508.0, 162.0), (508.0, 208.0)]),
        ("R", "A", [(300.0, 58.0), (92.0, 104.0)]),
        ("R", "B", [(300.0, 58.0), (300.0, 104.0)]),
        ("R", "C", [(300.0, 58.0), (508.0, 104.0)]),
    ]
    assert (drawing.width, drawing.height) == (600.0, 266.0)


def test_an_edge_that_skips_a_layer_runs_beside_the_node_it_skips():
    """A -> C past B: the long edge bends through a thin dummy box beside B, never through B."""
    drawing = layout(*edges_of("AB", "BC", "AC"))
    # Layers [A], [B, dummy of A->C], [C]; the dummy is 8 wide. Sweep 0: B wants
    # x = 0 (centre 92 under A), the dummy x = 92 - 4 = 88; the dummy is pushed to
    # 0 + 184 + 24 = 208 and the row shifted back by (88 - 208) / 2 = -60: B at
    # -60, dummy at 148. C's centre goes to the mean of the dummy's centre 152 and
    # B's centre 32 = 92: C at 0. Sweep 1 changes nothing. Moving right by 60:
    # A 60, B 0, dummy 208 (centre 212), C 60; the widest point is A's right side,
    # 60 + 184 = 244.
    assert boxes(drawing) == {"A": (60.0, 0.0, 0), "B": (0.0, 104.0, 1), "C": (60.0, 208.0, 2)}
    assert routes(drawing) == [
        ("A", "B", [(152.0, 58.0), (92.0, 104.0)]),
        ("A", "C", [(152.0, 58.0), (212.0, 104.0), (212.0, 162.0), (152.0, 208.0)]),
        ("B", "C", [(92.0, 162.0), (152.0, 208.0)]),
    ]
    assert (drawing.width, drawing.height) == (244.0, 266.0)


# --- cycles --------------------------------------------------------------------


def test_a_three_cycle_is_drawn_from_its_first_record_down():
    """A -> B -> C -> A: the depth-first search from A reverses C -> A, so A, B, C go down in order."""
    drawing = layout(*edges_of("AB", "BC", "CA"))
    assert {node: box[2] for node, box in boxes(drawing).items()} == {"A": 0, "B": 1, "C": 2}
    # the reversed edge is drawn like the long edge A -> C of the previous test
    assert routes(drawing)[1] == ("A", "C", [(152.0, 58.0), (212.0, 104.0), (212.0, 162.0), (152.0, 208.0)])


def test_a_cycle_below_the_first_record_is_broken_too():
    """A -> B, B <-> C: the back edge C -> B is found below the root, so B and C still get layers."""
    drawing = layout(*edges_of("AB", "BC", "CB"))
    assert boxes(drawing) == {"A": (0.0, 0.0, 0), "B": (0.0, 104.0, 1), "C": (0.0, 208.0, 2)}


def test_a_cycle_not_reachable_from_the_first_record_is_broken_too():
    """C -> A -> B with C <-> D: the search restarts at C and reverses D -> C."""
    drawing = layout(*edges_of("AB", "CA", "CD", "DC"))
    # Layers [C], [A, D], [B]. A and D pack to -104 and 104 under C, B goes under A.
    # Moving right by 104:
    assert boxes(drawing) == {
        "C": (104.0, 0.0, 0),
        "A": (0.0, 104.0, 1),
        "D": (208.0, 104.0, 1),
        "B": (0.0, 208.0, 2),
    }


# --- crossing reduction --------------------------------------------------------


def test_rows_are_reordered_so_edges_do_not_cross():
    """A -> D, B -> C, B -> D: C and D swap places so no two edges cross."""
    drawing = layout(*edges_of("AD", "BC", "BD"))
    # Sweep 0 (downward) orders [C, D] by the mean position of their parents in
    # [A, B]: C 1, D (0 + 1) / 2 = 0.5, so D comes first. Sweep 1 (upward) keeps
    # [A, B]: A 0 (D), B (1 + 0) / 2 = 0.5.
    # Coordinates: sweep 0 wants D centred at the mean of 92 and 300 (x = 104) and
    # C under B (x = 208); C is pushed to 104 + 208 = 312 and the row shifted
    # back by -52: D 52, C 260. Sweep 1 wants A over D (52) and B at the mean of
    # C's and D's centres (352 + 144) / 2 - 92 = 156; B is pushed to 260 and the
    # row shifted back by -52: A 0, B 208, where it stays.
    assert boxes(drawing) == {
        "A": (0.0, 0.0, 0),
        "B": (208.0, 0.0, 0),
        "D": (52.0, 104.0, 1),
        "C": (260.0, 104.0, 1),
    }
    assert routes(drawing) == [
        ("A", "D", [(92.0, 58.0), (144.0, 104.0)]),
        ("B", "C", [(300.0, 58.0), (352.0, 104.0)]),
        ("B", "D", [(300.0, 58.0), (144.0, 104.0)]),
    ]
    assert (drawing.width, drawing.height) == (444.0, 162.0)


def test_a_long_edge_is_moved_next_to_the_node_it_shares_a_target_with():
    """A -> B, C, D and B -> D: the upward sweep puts A -> D's dummy between B and C."""
    drawing = layout(*edges_of("AB", "AC", "AD", "BD"))
    # Rows [A], [B, C, d], [D] with d the 8-wide dummy of A -> D. Sweep 0: all of
    # row 1 hangs from A, so it keeps its order. Sweep 1 (upward) orders row 1 by
    # the position of children in [D]: B 0, d 0, C (no child) its own index 1:
    # [B, d, C], which later sweeps keep.
    # Coordinates: packed B 0, d 208, C 240. Sweep 0 wants B 0, d 88, C 0; d is
    # pushed to 208, C to 208 + 8 + 24 = 240, and the row shifted back by
    # (88 - 448) / 3 = -120: B -120, d 88, C 120. D centres on the mean of d's
    # and B's centres (92 - 28) / 2 = 32: D -60. Sweep 1 wants B -60, d 28 over
    # D and C to stay at 120: packed -60, 148, 180, shifted back by -60: the same
    # -120, 88, 120. A centres on the mean of B, C, d: (-28 + 212 + 92) / 3 = 92.
    # Moving right by 120: A 120, B 0, d 208 (centre 212), C 240, D 60.
    drawing_boxes = boxes(drawing)
    assert drawing_boxes == {
        "A": (120.0, 0.0, 0),
        "B": (0.0, 104.0, 1),
        "C": (240.0, 104.0, 1),
        "D": (60.0, 208.0, 2),
    }
    assert routes(drawing) == [
        ("A", "B", [(212.0, 58.0), (92.0, 104.0)]),
        ("A", "C", [(212.0, 58.0), (332.0, 104.0)]),
        ("A", "D", [(212.0, 58.0), (212.0, 104.0), (212.0, 162.0), (152.0, 208.0)]),
        ("B", "D", [(92.0, 162.0), (152.0, 208.0)]),
    ]
    assert (drawing.width, drawing.height) == (424.0, 266.0)


def test_three_parents_sit_side_by_side_over_their_common_child():
    """A, B, C -> D: parents packed 208 apart, the child centred under the middle one."""
    drawing = layout(*edges_of("AD", "BD", "CD"))
    # Packed: A 0, B 208, C 416. Sweep 0: D's centre goes to the mean of 92, 300
    # and 508 = 300: D 208. Sweep 1: A, B, C all want x = 208, are pushed to 208,
    # 416, 624 and shifted back by (624 - 1248) / 3 = -208: 0, 208, 416 again.
    assert boxes(drawing) == {
        "A": (0.0, 0.0, 0),
        "B": (208.0, 0.0, 0),
        "C": (416.0, 0.0, 0),
        "D": (208.0, 104.0, 1),
    }
    assert (drawing.width, drawing.height) == (600.0, 162.0)


# --- sweeps: direction and parity ------------------------------------------------


def test_two_parents_with_a_shared_grandchild_drift_left_sweep_by_sweep():
    """A -> C, A -> D, B -> D, C -> D: six alternating sweeps, each pair moving the drawing left, give this drawing."""
    drawing = layout(*edges_of("AC", "AD", "BD", "CD"))
    # Layers [A, B], [C, a, b], [D] with a, b the 8-wide dummies of A -> D and
    # B -> D (crossing reduction keeps every row: C 0, a 0, b 1 under [A, B];
    # C, a, b all 0 over [D]; A 0.5, B 2). D's parents, in edge order: a, b, C.
    # Packed: A 0, B 208; C 0, a 208, b 240; D 0.
    # Sweep 0 (parents, top down): A, B have none and keep 0, 208. C wants 0,
    # a 92 - 4 = 88, b 300 - 4 = 296; a is pushed to 208, b stays (>= 240), the
    # shift is (384 - 504) / 3 = -40: C -40, a 168, b 256. D's centre goes to
    # (172 + 260 + 52) / 3 = 484/3: D 208/3.
    # Sweep 1 (children, bottom up): D has none and stays. C wants 208/3, a and b
    # 472/3; pushed to 832/3 and 928/3, shift (1152 - 1968) / 9 = -272/3:
    # C -64/3, a 560/3, b 656/3. A wants the mean of 212/3 and 572/3 less 92 =
    # 116/3, B 668/3 - 92 = 392/3, pushed to 740/3, shift -58: A -58/3, B 566/3.
    # Sweep 2 repeats sweep 0 from a row 0 that is 58/3 further left, so every
    # node ends 58/3 left of where sweep 0 put it; sweep 3 likewise of sweep 1,
    # and sweeps 4, 5 another 58/3: the end is sweep 1's result less 116/3:
    # A -58, B 150, C -60, a 148, b 180, D 92/3. Moving right by 60:
    # A 2, B 210, C 0, a 208 (centre 212), b 240 (centre 244), D 272/3.
    # The thirds come out of float arithmetic a few ulps off (A as
    # 1.9999999999999858), so every number here is compared with approx.
    assert boxes(drawing) == {
        "A": approx((2.0, 0.0, 0)),
        "B": approx((210.0, 0.0, 0)),
        "C": approx((0.0, 104.0, 1)),
        "D": approx((272 / 3, 208.0, 2)),
    }
    d_top = approx((272 / 3 + 92, 208.0))
    assert routes(drawing) == [
        ("A", "C", [approx((94.0, 58.0)), approx((92.0, 104.0))]),
        ("A", "D", [approx((94.0, 58.0)), approx((212.0, 104.0)), approx((212.0, 162.0)), d_top]),
        ("B", "D", [approx((302.0, 58.0)), approx((244.0, 104.0)), approx((244.0, 162.0)), d_top]),
        ("C", "D", [approx((92.0, 162.0)), d_top]),
    ]
    assert (drawing.width, drawing.height) == approx((394.0, 266.0))


def test_the_last_sweep_upward_decides_the_order_of_a_row_that_keeps_flipping():
    """A -> C, A -> E, B -> D, B -> F, C -> D, D -> F: the middle row flips every sweep; the sixth (upward) one wins."""
    drawing = layout(*edges_of("AC", "AE", "BD", "BF", "CD", "DF"))
    # Layers: A, B 0; C, E 1; D 2 (under C); F 3 (under D). Dummies: p for B -> D
    # in layer 1, q1, q2 for B -> F in layers 1 and 2. Rows [A, B], [C, E, p, q1],
    # [D, q2], [F].
    # Crossing reduction: downward sweeps (0, 2, 4) order row 1 by parents in
    # [A, B]: C 0, E 0, p 1, q1 1 -> [C, E, p, q1]; D's parents p, C give
    # (2 + 0) / 2 = 1 < q2's 3 -> [D, q2]. Upward sweeps (1, 3, 5) order row 1
    # by children in [D, q2]: C 0, p 0, E (no child) its own index 1 (or 2),
    # q1 1 -> [C, p, E, q1]; row 0 stays [A, B] (A 1, B 2). Sweep 5 is upward:
    # rows [A, B], [C, p, E, q1], [D, q2], [F].
    # Coordinates, packed: A 0, B 208; C 0, p 208, E 240, q1 448; D 0, q2 208; F 0.
    # Sweep 0: row 0 keeps 0, 208. Row 1 wants C 0, p 296, E 0, q1 296; pushed
    # to 0, 296, 328, 536, shift (592 - 1160) / 4 = -142: C -142, p 154,
    # E 186, q1 394. D: mean of 158 and -50 = 54, so -38; q2 under q1 at 394.
    # F: mean of 398 and 54 = 226, so 134.
    # Sweep 1: F stays 134. D wants 134, q2 222 -> 342, shift -60: D 74, q2 282.
    # Row 1 wants C 74, p 162, E (no child) 186, q1 282; pushed to 74, 282,
    # 314, 522, shift (704 - 1192) / 4 = -122: C -48, p 160, E 192, q1 400.
    # A: mean of 44 and 284 = 164, so 72; B: mean of 164 and 404 = 284, so
    # 192 -> 280; shift -44: A 28, B 236.
    # Sweep 2 starts from row 0 28 to the right of sweep 0's, so it and sweep 3
    # give sweep 0's and sweep 1's results plus 28; sweeps 4, 5 plus 56:
    # A 84, B 292; C 8, p 216, E 248, q1 456; D 130, q2 338; F 190.
    # Moving left by 8:
    assert boxes(drawing) == {
        "A": (76.0, 0.0, 0),
        "B": (284.0, 0.0, 0),
        "C": (0.0, 104.0, 1),
        "E": (240.0, 104.0, 1),
        "D": (122.0, 208.0, 2),
        "F": (182.0, 312.0, 3),
    }
    assert routes(drawing) == [
        ("A", "C", [(168.0, 58.0), (92.0, 104.0)]),
        ("A", "E", [(168.0, 58.0), (332.0, 104.0)]),
        ("B", "D", [(376.0, 58.0), (212.0, 104.0), (212.0, 162.0), (214.0, 208.0)]),
        ("B", "F", [(376.0, 58.0), (452.0, 104.0), (452.0, 162.0), (334.0, 208.0), (334.0, 266.0), (274.0, 312.0)]),
        ("C", "D", [(92.0, 162.0), (214.0, 208.0)]),
        ("D", "F", [(214.0, 266.0), (274.0, 312.0)]),
    ]
    # B's right side, 284 + 184, is the rightmost; 4 layers: 4 * 104 - 46 high.
    assert (drawing.width, drawing.height) == (468.0, 370.0)


def test_a_component_ending_two_thirds_past_900_goes_to_the_next_shelf():
    """The default limit is 900 exactly: a second component ending at 900 2/3 wraps."""
    nodes, edges = edges_of("AC", "AE", "BC", "BD", "DE", "PR", "PS", "QS", "RS")
    drawing = layout(nodes, edges)
    # Component [A .. E]: layers [A, B], [C, D, a], [E], a the dummy of A -> E.
    # Crossing: downward sweeps give [a, C, D] (a 0, C 0.5, D 1), upward ones
    # [a, D, C] (a 0, D 0, C without a child its index): the sixth gives
    # [a, D, C]; row 0 stays [A, B]. Coordinates, packed A 0, B 208; a 0,
    # D 32, C 240; E 0. Sweep 0: a wants 88, D 208, C 104, pushed to 416,
    # shift -104: a -16, D 104, C 312; E: mean of -12 and 196 = 92, so 0.
    # Sweep 1: a wants 88, D 0 -> 120, C (no child) 312 -> 328, shift
    # (400 - 536) / 3: a 128/3, D 224/3, C 848/3. A: mean of 1124/3 and 140/3
    # less 92 = 356/3; B: mean of 1124/3 and 500/3 less 92 = 536/3 -> 980/3;
    # shift -74: A 134/3, B 758/3. Sweep 2 repeats sweep 0 moved right by
    # 134/3, and so on: the end is sweep 1's drawing moved right, whose
    # leftmost box is E at 0 and rightmost C, ending at 848/3 + 184 = 1400/3.
    # Component [P .. S] is the graph of the drift test above: 394 wide, 266 high.
    # On one shelf it would end at 1400/3 + 40 + 394 = 900 2/3 > 900, so it
    # starts a new one at y = 266 + 40 = 306, with P at x 2 as in that test.
    assert boxes(drawing) == {
        "A": approx((134 / 3, 0.0, 0)),
        "B": approx((758 / 3, 0.0, 0)),
        "C": approx((848 / 3, 104.0, 1)),
        "D": approx((224 / 3, 104.0, 1)),
        "E": approx((0.0, 208.0, 2)),
        "P": approx((2.0, 306.0, 0)),
        "Q": approx((210.0, 306.0, 0)),
        "R": approx((0.0, 410.0, 1)),
        "S": approx((272 / 3, 514.0, 2)),
    }
    assert (drawing.width, drawing.height) == approx((1400 / 3, 306.0 + 266.0))
