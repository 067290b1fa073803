#!/usr/bin/env python3
"""Reference values for the statistics module (src/stats), written to tests/golden/stats.json.

Run by hand (not part of the build) after `pip install scipy statsmodels`:

    python3 tools/golden/stats.py

Every value is computed independently of the Rust code:
- Wilson score intervals: statsmodels `proportion_confint(method="wilson")`;
- chi-square quantiles and the exact Poisson limits: `scipy.stats.chi2.ppf`
  (lower = chi2.ppf(a/2, 2O)/2, upper = chi2.ppf(1 - a/2, 2O + 2)/2; Armitage & Berry 2002);
- Byar's limits for counts >= 10: the formula of Breslow & Day (1987) evaluated directly here
  with z = scipy.stats.norm.ppf(1 - a/2);
- the recent-trend chi-square: statsmodels WLS with weights 1/SE^2 and a fixed scale of 1
  (so var(slope) = 1 / sum w (t - tbar)^2), cross-checked against a direct numpy evaluation.
"""
import json
import pathlib
import platform

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.stats import chi2, norm
from statsmodels.stats.proportion import proportion_confint

LEVELS = {"95": 0.05, "99.8": 0.002}
OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "stats.json"


def wilson_cases():
    pairs = [(0, 20), (1, 29), (15, 148), (81, 263), (20, 20), (1, 1), (0, 1), (5, 10),
             (37, 5000), (4321, 12345), (123456, 987654), (2.5, 7.0)]
    cases = []
    for x, n in pairs:
        for level, alpha in LEVELS.items():
            lo, hi = proportion_confint(x, n, alpha=alpha, method="wilson")
            cases.append({"numerator": x, "denominator": n, "level": level,
                          "lower": float(lo), "upper": float(hi)})
    return cases


def chi_square_cases():
    return [{"p": p, "df": df, "quantile": float(chi2.ppf(p, df))}
            for df in range(2, 23, 2) for p in (0.001, 0.025, 0.5, 0.975, 0.999)]


def count_limits(o, alpha):
    if o < 10:
        lower = 0.0 if o == 0 else chi2.ppf(alpha / 2, 2 * o) / 2
        upper = chi2.ppf(1 - alpha / 2, 2 * o + 2) / 2
        return "exact", float(lower), float(upper)
    z = norm.ppf(1 - alpha / 2)
    lower = o * (1 - 1 / (9 * o) - z / (3 * np.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
    return "byar", float(lower), float(upper)


def count_cases():
    cases = []
    for o in list(range(0, 12)) + [25, 100, 1000, 12345]:
        for level, alpha in LEVELS.items():
            method, lo, hi = count_limits(o, alpha)
            cases.append({"observed": o, "level": level, "method": method, "lower": lo, "upper": hi})
    return cases


def rate_cases():
    # Inputs of the phe_rate documentation example (PHEindicatormethods, R/Rates.R), per 100,000.
    obs = [82, 9, 48, 6500, 8200, 10000, 10000, 8, 7, 750, 900]
    pop = [100, 100, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000]
    cases = []
    for o, n in zip(obs, pop):
        for level, alpha in LEVELS.items():
            _, lo, hi = count_limits(o, alpha)
            cases.append({"count": o, "denominator": n, "multiplier": 100000.0, "level": level,
                          "lower": lo / n * 100000.0, "upper": hi / n * 100000.0})
    return cases


def trend_fit(points):
    last = np.array(points[-5:], dtype=float)
    y, lo, hi = last[:, 0], last[:, 1], last[:, 2]
    w = 1.0 / ((hi - lo) / 3.92) ** 2
    t = np.arange(5, dtype=float)
    fit = sm.WLS(y, sm.add_constant(t), weights=w).fit(cov_type="fixed scale")
    slope, var = float(fit.params[1]), float(fit.cov_params()[1, 1])
    # Direct evaluation as an independent cross-check of the library call.
    tbar = np.sum(w * t) / np.sum(w)
    sxx = np.sum(w * (t - tbar) ** 2)
    direct = np.sum(w * (t - tbar) * (y - np.sum(w * y) / np.sum(w))) / sxx
    assert abs(direct - slope) <= 1e-10 * max(abs(slope), 1e-12), (direct, slope)
    assert abs(1 / sxx - var) <= 1e-10 * var
    chi = slope ** 2 / var
    trend = ("increasing" if slope > 0 else "decreasing") if chi > 9.5495 else "no significant change"
    return slope, chi, trend


def trend_cases():
    def wilson_series(xs, n):
        out = []
        for x in xs:
            lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
            out.append([x / n, float(lo), float(hi)])
        return out

    series = {
        "rising proportion (Wilson 95%)": wilson_series([100, 110, 121, 130, 142], 1000),
        "falling proportion, growing denominators": [
            [p[0], p[1], p[2]] for p in
            [wilson_series([x], n)[0] for x, n in [(300, 2000), (290, 2100), (280, 2200), (260, 2300), (250, 2400)]]],
        "flat and noisy": [[10.0, 8.0, 12.0], [10.5, 8.4, 12.6], [9.8, 7.9, 11.7], [10.2, 8.1, 12.3], [10.1, 8.0, 12.2]],
        "seven points, last five rising slowly": [
            [50.0, 40.0, 60.0], [1.0, 0.5, 1.5], [20.0, 19.0, 21.0], [20.4, 19.5, 21.3], [20.9, 20.0, 21.8],
            [21.1, 20.3, 21.9], [21.6, 20.8, 22.4]],
        "falling rate with asymmetric limits": [
            [820.0, 652.2, 1017.9], [760.0, 598.6, 951.3], [700.0, 546.1, 884.1], [655.0, 507.4, 833.4],
            [600.0, 461.0, 767.8]],
    }
    cases = []
    for name, pts in series.items():
        slope, chi, trend = trend_fit(pts)
        cases.append({"name": name, "points": pts, "slope": slope, "chi_square": chi, "trend": trend})
    return cases


def main():
    golden = {
        "references": {
            "wilson": f"statsmodels {statsmodels.__version__} proportion_confint(method='wilson')",
            "chi_square": f"scipy {scipy.__version__} scipy.stats.chi2.ppf",
            "count_exact": f"scipy {scipy.__version__} scipy.stats.chi2.ppf (Armitage & Berry 2002)",
            "count_byar": f"Byar's formula (Breslow & Day 1987) evaluated in Python {platform.python_version()} "
                          f"with numpy {np.__version__}, z from scipy {scipy.__version__} norm.ppf",
            "rate": "count limits as above divided by the denominator x multiplier; inputs from the "
                    "PHEindicatormethods phe_rate documentation example",
            "trend": f"statsmodels {statsmodels.__version__} WLS(weights=1/SE^2).fit(cov_type='fixed scale'), "
                     f"cross-checked with numpy {np.__version__}; SE = (upper - lower)/3.92; critical 9.5495",
            "generator": "tools/golden/stats.py",
        },
        "wilson": wilson_cases(),
        "chi_square": chi_square_cases(),
        "counts": count_cases(),
        "rates": rate_cases(),
        "trends": trend_cases(),
    }
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"wrote {OUT}: " + ", ".join(f"{k} {len(v)}" for k, v in golden.items() if isinstance(v, list)))


if __name__ == "__main__":
    main()
