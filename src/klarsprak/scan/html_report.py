def write_report(result, fh): fh.write("x")
