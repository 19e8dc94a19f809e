"""Published reliability data for the agreement tests, with their sources."""

from __future__ import annotations

N = None

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
# for Communication, departmental papers 43: the example with 4 coders (A-D), 12 units and
# missing values. Rows are units, columns coders A, B, C, D. Published: nominal .743,
# ordinal .815, interval .849, ratio .797.
KRIPPENDORFF_2011: list[list[int | None]] = [
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, 3, N, N],
]

# Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., p. 120: 4 raters,
# 12 subjects, 5 categories (dataset raw_4raters in Gwet's irrCAC package). Krippendorff's
# table again, except that unit 12's single rating belongs to rater 3.
GWET_4RATERS: list[list[int | None]] = [*KRIPPENDORFF_2011[:11], [N, N, 3, N]]

# Gwet (2014), Handbook: 5 observers, 15 units, scale 0-3 (irrCAC dataset raw_5observers;
# a larger version of the table is on p. 125).
GWET_5OBSERVERS = {
    "Observer1": [1, 1, 2, N, 0, 0, 1, 1, 2, 2, N, 0, 1, 3, 1],
    "Observer2": [1, 1, 3, 0, 0, 0, 0, N, 2, 1, 1, 0, 2, 3, 1],
    "Observer3": [2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1],
    "Observer4": [N, 1, 3, N, N, N, N, 0, N, 1, 0, 0, 2, 2, N],
    "Observer5": [2, N, N, 0, 0, 0, 1, N, 2, N, N, N, N, 3, 1],
}

# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76, 378-382: 30 patients, 6 psychiatrists, 5 diagnoses; published kappa .430.
# Raw ratings as in statsmodels/stats/tests/test_inter_rater.py (`diagnoses`), where R's
# irr::kappam.fleiss gives 0.4302445.
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories, given as
# counts per category; kappa 0.210 (also statsmodels' test_fleiss_kappa). Not Fleiss 1971.
WIKIPEDIA_FLEISS_COUNTS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]  # fmt: skip

# Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
# Psychological Measurement 20, 37-46: 200 units, 3 categories, p_o = .70, p_e = .41,
# kappa = .492. Counts as transcribed in thomaspingel/cohens-kappa-matlab (cohenskappa.m,
# "Table 2.b, page 45"); we could not check them against the paper itself, but they give
# exactly the published p_o, p_e and kappa (margins .60/.30/.10 and .50/.30/.20).
COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]

# Gwet (2014), Handbook: 100 pregnant women classified by 2 abstractors as ectopic, abnormal
# intrauterine (AIU) or normal intrauterine (NIU) pregnancy (irrCAC table_cont3x3abstractors).
# Published (irrCAC tests): Cohen .796, linear .843, quadratic .892; Scott .796.
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]

# Gwet (2014), Handbook: 223 psychiatric patients, clinical vs research diagnosis, 4 categories
# (irrCAC table_cont4x4diagnosis). Published: Cohen .432, linear .407, quadratic .383; Scott .430.
DIAGNOSIS = [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]]


def pairs(table: list[list[int]]) -> tuple[list[int], list[int]]:
    """Two coders' labels (row and column index) from a contingency table of counts."""
    first: list[int] = []
    second: list[int] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            first += [i] * count
            second += [j] * count
    return first, second


def rows_from_counts(counts: list[list[int]]) -> list[list[int]]:
    return [[k for k, n in enumerate(row) for _ in range(n)] for row in counts]


SCALE = ["lav", "mellem", "høj"]  # scale order; sorted() would give høj, lav, mellem
