"""The learning curve's tables and plot (see learning_curve.py), from its results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

ARMS = {
    "uncertainty": "uncertainty (random start)",
    "random": "random order",
    "reading": "uncertainty (reading-order start)",
}
Result = dict[str, Any]


def verdict(arms: Result, points: Sequence[int]) -> list[Result]:
    """Each review loop against random order, per point: the difference of the means
    (the target: uncertainty order at least as good as random at every point), and the
    paired differences seed by seed (same held-out interviews, same first batch)."""
    if "random" not in arms:
        return []
    rows = []
    for arm in (a for a in ("uncertainty", "reading") if a in arms):
        for n in points:
            mine, chance = (arms[a]["points"][str(n)]["f1"] for a in (arm, "random"))
            paired = [m - r for m, r in zip(mine["seeds"], chance["seeds"], strict=True)]
            rows.append(
                {
                    "arm": arm,
                    "reviewed": n,
                    "f1": mine["mean"],
                    "random": chance["mean"],
                    "difference": mine["mean"] - chance["mean"],
                    "paired_min": min(paired),
                    "paired_max": max(paired),
                    "seeds_at_least_as_good": sum(d >= 0 for d in paired),
                    "met": mine["mean"] >= chance["mean"],
                }
            )
    return rows


def markdown(results: Result) -> str:
    arms, points = results["arms"], results["points"]
    lines = [
        "| arm | " + " | ".join(f"{n} reviewed" for n in points) + " |",
        "|---|" + "---|" * len(points),
    ]
    for arm, data in arms.items():
        cells = []
        for n in points:
            f1 = data["points"][str(n)]["f1"]
            cells.append(f"{f1['mean']:.3f} ± {f1['std']:.3f} ({f1['min']:.3f}–{f1['max']:.3f})")
        lines.append(f"| {ARMS[arm]} | " + " | ".join(cells) + " |")
    if results["target"]:
        lines += [
            "",
            "| arm | reviewed | F1 | random | difference | per seed (min–max) "
            "| seeds >= random | mean >= random |",
            "|---|---|---|---|---|---|---|---|",
        ]
        seeds = len(results["seeds"])
        lines += [
            f"| {ARMS[c['arm']]} | {c['reviewed']} | {c['f1']:.3f} | {c['random']:.3f} "
            f"| {c['difference']:+.3f} | {c['paired_min']:+.3f} to {c['paired_max']:+.3f} "
            f"| {c['seeds_at_least_as_good']} of {seeds} | {'yes' if c['met'] else 'NO'} |"
            for c in results["target"]
        ]
    return "\n".join(lines)


def plot(results: Result, path: Path) -> None:
    """Above: mean micro-F1 per arm against paragraphs reviewed, bars from the worst
    to the best seed. Below: each loop's difference to random order, seed by seed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points, seeds = results["points"], len(results["seeds"])
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(7.5, 6.6), dpi=120, sharex=True, height_ratios=(2.2, 1)
    )
    colours = dict(zip(ARMS, ("tab:blue", "tab:orange", "tab:green"), strict=True))
    for k, (arm, data) in enumerate(results["arms"].items()):
        f1 = [data["points"][str(n)]["f1"] for n in points]
        x = [n * 1.025 ** (k - 1) for n in points]  # side by side, not on top of each other
        mean = [s["mean"] for s in f1]
        spread = [
            [s["mean"] - s["min"] for s in f1],
            [s["max"] - s["mean"] for s in f1],
        ]
        top.errorbar(x, mean, yerr=spread, marker="o", capsize=3, color=colours[arm],
                     label=ARMS[arm])  # fmt: skip
    for row in results["target"]:
        x = row["reviewed"] * (1.025 if row["arm"] == "reading" else 0.975)
        mine = results["arms"][row["arm"]]["points"][str(row["reviewed"])]["f1"]["seeds"]
        chance = results["arms"]["random"]["points"][str(row["reviewed"])]["f1"]["seeds"]
        diffs = [m - r for m, r in zip(mine, chance, strict=True)]
        bottom.scatter([x] * len(diffs), diffs, s=14, alpha=0.5, color=colours[row["arm"]])
        bottom.plot([x], [row["difference"]], marker="_", markersize=14, mew=2,
                    color=colours[row["arm"]])  # fmt: skip
    bottom.axhline(0, color="tab:orange", linewidth=1)
    top.set_xscale("log", base=2)
    bottom.set_xticks(points, [str(n) for n in points])
    bottom.minorticks_off()
    bottom.set_xlabel("paragraphs reviewed (coder A as oracle)")
    top.set_ylabel("micro-F1 on held-out interviews")
    bottom.set_ylabel("minus random order")
    top.set_title(
        f"The review loop on the sample: mean of {seeds} seeds, bars from worst to best seed",
        fontsize=10.5,
    )
    bottom.set_title("per seed (dots) and mean (dash), paired with random order", fontsize=9.5)
    for ax in (top, bottom):
        ax.grid(True, alpha=0.3)
    top.legend(loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
