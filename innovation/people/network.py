"""The layout of a person's small collaboration network, drawn by a template as inline SVG.

Pure arithmetic and deterministic (same people in, same picture out), so the page needs no
script and the picture can be tested: the person in the middle, collaborators evenly on a
circle starting at twelve o'clock in the order given (most shared ideas first), thicker
lines for more shared ideas, and colours by constituency (customer or employee side)."""

import math

WIDTH, HEIGHT = 600, 400
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RING = 135  # radius of the circle the collaborators sit on
LABEL_GAP = 24  # from a collaborator's centre to its label
CENTRE_RADIUS = 30
NODE_RADIUS = 17
EDGE_MIN, EDGE_MAX = 1.5, 7.0
MAX_NODES = 12
LABEL_CHARS = 18
SHORT_LABEL_CHARS = 12


def _short(name: str, chars: int = LABEL_CHARS) -> str:
    name = " ".join((name or "").split())
    return name if len(name) <= chars else name[: chars - 1].rstrip() + "…"


def _initialled(name: str) -> str:
    # Narrow screens shrink the picture: "Henrik N." stays legible where a full name cannot.
    parts = (name or "").split()
    return _short(f"{parts[0]} {parts[-1][:1]}." if len(parts) > 1 else " ".join(parts), SHORT_LABEL_CHARS)


def _initial(name: str) -> str:
    return (name.strip()[:1] or "?").upper()


def _anchor(dx: float) -> str:
    # Labels on the right start at the node, on the left end at it, near the axis centre on it.
    if dx > 0.2:
        return "start"
    if dx < -0.2:
        return "end"
    return "middle"


def _edge_width(shared: int, low: int, high: int) -> float:
    if high == low:
        return round((EDGE_MIN + EDGE_MAX) / 2, 1)
    return round(EDGE_MIN + (EDGE_MAX - EDGE_MIN) * (shared - low) / (high - low), 1)


def collaborator_network(person, collaborators) -> dict:
    """Coordinates and labels for the ego network of `person` and up to 12 (user, shared)
    collaborators, in a WIDTH × HEIGHT viewBox."""
    people = list(collaborators)[:MAX_NODES]
    counts = [shared for _, shared in people]
    low, high = (min(counts), max(counts)) if counts else (0, 0)
    nodes = []
    for index, (user, shared) in enumerate(people):
        angle = -math.pi / 2 + 2 * math.pi * index / len(people)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = CENTRE_X + RING * dx, CENTRE_Y + RING * dy
        # Top and bottom labels sit above/below the node; the others beside it (labels are
        # vertically centred on these points).
        label_dy = -LABEL_GAP - 6 if dy < -0.9 else (LABEL_GAP + 6 if dy > 0.9 else 0)
        label_dx = 0 if abs(dx) <= 0.2 else math.copysign(LABEL_GAP, dx)
        nodes.append(
            {
                "user_id": user.id,
                "name": user.name,
                "label": _short(user.name),
                "short_label": _initialled(user.name),
                "initial": _initial(user.name),
                "constituency": user.constituency,
                "shared": shared,
                "x": round(x, 1),
                "y": round(y, 1),
                "r": NODE_RADIUS,
                "label_x": round(x + label_dx, 1),
                "label_y": round(y + label_dy, 1),
                "anchor": _anchor(dx),
                # The line stops at both circles' edges so it never shows through the initials.
                "edge": {
                    "x1": round(CENTRE_X + CENTRE_RADIUS * dx, 1),
                    "y1": round(CENTRE_Y + CENTRE_RADIUS * dy, 1),
                    "x2": round(x - NODE_RADIUS * dx, 1),
                    "y2": round(y - NODE_RADIUS * dy, 1),
                    "width": _edge_width(shared, low, high),
                },
            }
        )
    centre = {
        "user_id": person.id,
        "name": person.name,
        "label": _short(person.name),
        "short_label": _initialled(person.name),
        "initial": _initial(person.name),
        "constituency": person.constituency,
        "x": CENTRE_X,
        "y": CENTRE_Y,
        "r": CENTRE_RADIUS,
        "label_y": CENTRE_Y + CENTRE_RADIUS + 16,
    }
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "centre": centre,
        "nodes": nodes,
        "description": _describe(person, people),
    }


def _describe(person, people) -> str:
    if not people:
        return f"{person.name} has not discussed an idea with anyone yet."
    ties = "; ".join(f"{user.name}, {shared} shared idea{'s' if shared != 1 else ''}" for user, shared in people)
    return f"{person.name} in the middle, linked to {len(people)} people: {ties}."
