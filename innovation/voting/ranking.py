"""Ranking formulas for the idea list. Pure functions; the results are stored on the idea
row so the database sorts by them with indexes.

- hot: log10 of supports plus the submission time in units of 12.5 hours (the formula
  Reddit published), so ten times the support buys 12.5 hours of freshness.
- rated: Bayesian average with a prior of 5 ratings of 3.0 (the scale's middle): one 5-star
  rating does not beat a hundred 4.6s.
- common_ground: per constituency the 95 % Wilson lower bound of "favourable" (supports, or
  rates 4 or 5) among those who engaged (support or rate); the idea's score is the smaller of
  the two, so only what both customers and employees favour ranks high.
"""

import math
from datetime import UTC, datetime

HOT_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
HOT_SECONDS_PER_DECADE = 45_000
BAYES_PRIOR_MEAN = 3.0
BAYES_PRIOR_WEIGHT = 5
WILSON_Z = 1.959963984540054  # two-sided 95 %


def hot_score(supports: int, created_at: datetime) -> float:
    order = math.log10(max(supports, 1))
    seconds = (created_at - HOT_EPOCH).total_seconds()
    return round(order + seconds / HOT_SECONDS_PER_DECADE, 7)


def bayesian_average(rating_sum: int, rating_count: int) -> float:
    return (BAYES_PRIOR_MEAN * BAYES_PRIOR_WEIGHT + rating_sum) / (BAYES_PRIOR_WEIGHT + rating_count)


def wilson_lower_bound(positives: int, total: int, z: float = WILSON_Z) -> float:
    """Lower bound of the Wilson score interval for a proportion; 0 when nobody engaged."""
    if total <= 0:
        return 0.0
    phat = positives / total
    denominator = 1 + z * z / total
    centre = phat + z * z / (2 * total)
    margin = z * math.sqrt((phat * (1 - phat) + z * z / (4 * total)) / total)
    return max(0.0, (centre - margin) / denominator)


def common_ground(favour_customer: int, engaged_customer: int, favour_employee: int, engaged_employee: int) -> float:
    return min(
        wilson_lower_bound(favour_customer, engaged_customer), wilson_lower_bound(favour_employee, engaged_employee)
    )


def share(positives: int, total: int) -> int | None:
    """Whole-percent share for display ("customers 78 %"), None when nobody engaged."""
    return round(100 * positives / total) if total else None
