# How the zipped fixtures were made (run from this folder with python3):
# buildings_gbk.zip holds the GBK Shapefile in a folder, with entry names in
# GBK and no UTF-8 flag, as Chinese zip tools on Windows write them;
# two_layers.zip holds two Shapefiles side by side.
import zipfile

FOLDER, NAME = "高燕镇房屋", "房屋图斑"
ph_folder = "a" * len(FOLDER.encode("gbk"))
ph_name = "b" * len(NAME.encode("gbk"))
with zipfile.ZipFile("buildings_gbk.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        z.write(f"buildings_gbk.{ext}", f"{ph_folder}/{ph_name}.{ext}")
data = open("buildings_gbk.zip", "rb").read()
data = data.replace(ph_folder.encode(), FOLDER.encode("gbk")).replace(ph_name.encode(), NAME.encode("gbk"))
open("buildings_gbk.zip", "wb").write(data)

with zipfile.ZipFile("two_layers.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        z.write(f"buildings_gbk.{ext}", f"gbk.{ext}")
    for ext in ("shp", "shx", "dbf", "prj"):
        z.write(f"projected_4547.{ext}", f"projected.{ext}")
