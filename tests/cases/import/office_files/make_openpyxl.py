# The openpyxl fixtures of make-fixtures.sh (run from this folder).
import datetime
import openpyxl

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "填写说明"
notes["A1"] = "户编号请填写文本；本表由乡镇填报"
ws = wb.create_sheet("花名册")
ws.merge_cells("A1:G1")
ws["A1"] = "高燕镇脱贫户花名册"
ws["A2"] = "填报单位：高燕镇人民政府"
ws.append(["户编号", "户主姓名", "户主身份证号", "家庭人口数", "区划代码", "联系电话", "户类型"])
ws.append(["GY0101", "陈志贵", "500229196504120014", 4, 500229108201, 13800000001, "脱贫户"])
ws.append([5002291080010001, "刘贵兰", "50022919520304106X", 2, 500229108202, None, "脱贫户"])
ws.append(["GY0103", "赵永福", "500229196903030139", "=2+1", 500229108201, None, "脱贫户"])
wb.save("roster_openpyxl.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "评估结果"
ws.append(["记录编号", "户编号", "评估日期", "鉴定等级"])
ws.append(["PG-1", "GY0101", datetime.date(2021, 10, 2), "B"])
ws.append(["PG-2", "GY0101", "2021年10月3日", "C"])
ws.append(["PG-3", "GY0101", "2021.10.4", "B"])
ws.append(["PG-4", "GY0101", "20211005", "B"])
ws.append(["PG-5", "GY0101", 44474, "B"])
ws.append(["PG-6", "GY0101", "2021年13月1日", "B"])
wb.save("evidence_openpyxl.xlsx")
