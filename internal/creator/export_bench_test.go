package creator

// For the pipeline board benchmark (board_bench_test.go, package
// creator_test), which reuses this package's seeded 100,000-creator brand.
var SeededBenchDB = seededBenchDB

const BenchBrand = benchBrand

var (
	BenchSession = benchSession
	BenchMedian  = benchMedian
)
