package db

var RebindForTest = rebind
