package db

var RebindForTest = rebind

const MaxReboundForTest = maxRebound

func ReboundCountForTest() int64 { return reboundCount.Load() }
