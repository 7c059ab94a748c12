print("jxlint")
