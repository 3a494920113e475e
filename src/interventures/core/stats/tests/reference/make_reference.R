# Reference values for the statistical core, computed with R's survey package.
# Re-run from this directory:  python make_data.py && Rscript make_reference.R
# Writes <name>_weights.csv (id, weight) and <name>_reference.csv (one row per estimate).
suppressPackageStartupMessages(library(survey))
options(digits = 17)

reference <- function(name, weighted, margin_vars, by_vars) {
  d <- read.csv(paste0(name, ".csv"), na.strings = "", stringsAsFactors = TRUE)
  m <- read.csv(paste0(name, "_margins.csv"), stringsAsFactors = FALSE)
  des <- if (weighted) svydesign(ids = ~1, weights = ~dw, data = d) else svydesign(ids = ~1, data = d)
  sample_margins <- lapply(margin_vars, function(v) as.formula(paste0("~", v)))
  population_margins <- lapply(margin_vars, function(v) {
    p <- m[m$variable == v, c("category", "total")]
    names(p) <- c(v, "Freq")
    p
  })
  rd <- rake(des, sample_margins, population_margins, control = list(epsilon = 1e-10, maxit = 1000))
  write.csv(data.frame(id = d$id, weight = sprintf("%.17g", weights(rd))),
            paste0(name, "_weights.csv"), row.names = FALSE, quote = FALSE)

  out <- list()
  add <- function(statistic, domain_var, domain, variable, estimate, se, ci_low = NA, ci_high = NA, deff = NA) {
    out[[length(out) + 1]] <<- data.frame(
      statistic = statistic, domain_var = domain_var, domain = domain, variable = variable,
      estimate = sprintf("%.17g", estimate), se = sprintf("%.17g", se),
      ci_low = sprintf("%.17g", ci_low), ci_high = sprintf("%.17g", ci_high), deff = sprintf("%.17g", deff))
  }
  items <- c("q1", "q2", "q3", "q4", "y1", "y2", "x")
  for (v in items) {
    f <- as.formula(paste0("~", v))
    # Item by item with na.rm = TRUE: one call on many items would drop rows missing any of them.
    est <- svymean(f, rd, na.rm = TRUE, deff = TRUE)
    add("mean", "", "", v, coef(est), SE(est), deff = deff(est))
    tot <- svytotal(f, rd, na.rm = TRUE, deff = TRUE)
    add("total", "", "", v, coef(tot), SE(tot), deff = deff(tot))
    for (b in by_vars) {
      byest <- svyby(f, as.formula(paste0("~", b)), rd, svymean, na.rm = TRUE, deff = TRUE)
      for (i in seq_len(nrow(byest))) {
        add("mean", b, as.character(byest[i, 1]), v, byest[i, v], byest[i, "se"], deff = byest[i, ncol(byest)])
      }
    }
    if (startsWith(v, "y")) {
      cp <- svyciprop(f, rd, method = "logit")
      ci <- attr(cp, "ci")
      add("ciprop", "", "", v, as.numeric(cp), sqrt(attr(cp, "var")), ci[1], ci[2])
      for (b in by_vars) {
        for (level in levels(d[[b]])) {
          sub <- rd[d[[b]] == level & !is.na(d[[b]]), ]
          if (sum(!is.na(d[[v]][d[[b]] == level])) < 2) next
          cp <- svyciprop(f, sub, method = "logit")
          ci <- attr(cp, "ci")
          add("ciprop", b, level, v, as.numeric(cp), sqrt(attr(cp, "var")), ci[1], ci[2])
        }
      }
    }
  }
  # Difference between two regions' means: the coefficient of a saturated svyglm on region has the
  # same influence function as the difference of the two domain means (svyby(covmat = TRUE)
  # fails on a raked design with missing values in survey 4.1).
  rd2 <- update(rd, region = relevel(region, ref = "hu-hr"))
  fit <- svyglm(q1 ~ region, rd2)
  add("difference", "region", "lombardia - hu-hr", "q1", coef(fit)[["regionlombardia"]],
      SE(fit)[["regionlombardia"]])
  write.csv(do.call(rbind, out), paste0(name, "_reference.csv"), row.names = FALSE, quote = TRUE)
}

reference("equal", FALSE, c("region", "size_class", "sector"), c("region", "stage"))
reference("weighted", TRUE, c("region", "size_class"), c("region", "sector", "stage"))
