# R's survey package on the benchmark's files: rake to the three margins, then every item overall
# and by region (svymean item by item with na.rm = TRUE, svyby by region).
# Usage: Rscript bench_analysis.R RESPONSES.csv MARGINS.csv ITEMS(comma-separated) BYVAR OUT.csv
suppressPackageStartupMessages({library(survey); library(data.table)})
args <- commandArgs(trailingOnly = TRUE)
responses <- args[1]; margins_file <- args[2]; items <- strsplit(args[3], ",")[[1]]; by <- args[4]; out <- args[5]
d <- as.data.frame(fread(responses, na.strings = ""))
for (v in c("region", "size_class", "sector")) d[[v]] <- factor(d[[v]])
m <- read.csv(margins_file, stringsAsFactors = FALSE)
margin_vars <- c("region", "size_class", "sector")
population <- lapply(margin_vars, function(v) {
  p <- m[m$variable == v, c("category", "total")]
  names(p) <- c(v, "Freq")
  p
})
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
t0 <- proc.time()[["elapsed"]]; c0 <- cpu()
des <- svydesign(ids = ~1, data = d)
rd <- rake(des, lapply(margin_vars, function(v) as.formula(paste0("~", v))), population,
           control = list(epsilon = 1e-10, maxit = 1000))
t1 <- proc.time()[["elapsed"]]; c1 <- cpu()
rows <- list()
for (v in items) {
  f <- as.formula(paste0("~", v))
  est <- svymean(f, rd, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(domain = "", variable = v, estimate = coef(est)[[1]], se = SE(est)[[1]])
  byest <- svyby(f, as.formula(paste0("~", by)), rd, svymean, na.rm = TRUE)
  rows[[length(rows) + 1]] <- data.frame(domain = as.character(byest[[1]]), variable = v,
                                         estimate = byest[[v]], se = byest[["se"]])
}
t2 <- proc.time()[["elapsed"]]; c2 <- cpu()
result <- do.call(rbind, rows)
result$rake_seconds <- t1 - t0
result$estimate_seconds <- t2 - t1
result$rake_cpu_seconds <- c1 - c0
result$estimate_cpu_seconds <- c2 - c1
write.csv(result, out, row.names = FALSE)
