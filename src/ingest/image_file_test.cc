#include "ingest/image_file.h"

#include <gdal.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace anju {
namespace {

namespace fs = std::filesystem;

// A 64×48 JPEG as a phone writes it: EXIF time and GPS (南纬/西经 too).
std::string phone_jpeg(const fs::path& dir, const char* lat_ref, const char* lon_ref) {
  GDALAllRegister();
  GDALDatasetH mem = GDALCreate(GDALGetDriverByName("MEM"), "", 64, 48, 3, GDT_Byte, nullptr);
  GDALSetMetadataItem(mem, "EXIF_DateTimeOriginal", "2026:11:20 10:11:12", nullptr);
  GDALSetMetadataItem(mem, "EXIF_GPSLatitude", "(31) (51) (36)", nullptr);
  GDALSetMetadataItem(mem, "EXIF_GPSLatitudeRef", lat_ref, nullptr);
  GDALSetMetadataItem(mem, "EXIF_GPSLongitude", "(108) (36) (0)", nullptr);
  GDALSetMetadataItem(mem, "EXIF_GPSLongitudeRef", lon_ref, nullptr);
  const std::string path = (dir / (std::string("photo_") + lat_ref + lon_ref + ".jpg")).string();
  GDALDatasetH jpeg = GDALCreateCopy(GDALGetDriverByName("JPEG"), path.c_str(), mem, FALSE, nullptr, nullptr, nullptr);
  GDALClose(jpeg);
  GDALClose(mem);
  return path;
}

class ImageFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("anju_image_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ImageFile, ReadsSizeAndExifTimeAndPlace) {
  auto f = inspect_file(phone_jpeg(dir_, "N", "E"));
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->mime, "image/jpeg");
  EXPECT_EQ(f->width, 64);
  EXPECT_EQ(f->height, 48);
  EXPECT_EQ(f->taken_at, "2026-11-20T10:11:12");
  ASSERT_TRUE(f->lat && f->lon);
  EXPECT_NEAR(*f->lat, 31.86, 1e-9);
  EXPECT_NEAR(*f->lon, 108.6, 1e-9);
  auto south = inspect_file(phone_jpeg(dir_, "S", "W"));
  ASSERT_TRUE(south);
  EXPECT_LT(*south->lat, 0);
  EXPECT_LT(*south->lon, 0);
}

TEST_F(ImageFile, ThumbnailsAreSmallJpegs) {
  const std::string out = (dir_ / "thumb.jpg").string();
  ASSERT_TRUE(write_thumbnail(phone_jpeg(dir_, "N", "E"), out, 16));
  auto t = inspect_file(out);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->mime, "image/jpeg");
  EXPECT_EQ(t->width, 16);
  EXPECT_EQ(t->height, 12);
  EXPECT_FALSE(fs::exists(out + ".aux.xml"));
}

// A PNG whose header says `w`×`h`: GDAL opens it by the header alone.
void write_png_header(const fs::path& path, uint32_t w, uint32_t h) {
  auto crc = [](const std::string& bytes) {
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
      c ^= b;
      for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
  };
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc(type + data));
  };
  const std::string ihdr = be32(w) + be32(h) + std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  std::ofstream(path, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << chunk("IHDR", ihdr)
                                        << chunk("IDAT", std::string("\x78\x9c", 2)) << chunk("IEND", "");
}

TEST_F(ImageFile, AnImageOfTooManyPixelsIsRefusedByItsHeader) {
  write_png_header(dir_ / "huge.png", 20000, 20000);
  auto huge = inspect_file((dir_ / "huge.png").string());
  ASSERT_FALSE(huge);
  EXPECT_NE(huge.error().message.find("20000×20000"), std::string::npos) << huge.error().message;
  write_png_header(dir_ / "fine.png", 4000, 3000);
  auto fine = inspect_file((dir_ / "fine.png").string());
  ASSERT_TRUE(fine) << fine.error().message;
  EXPECT_EQ(fine->width, 4000);
}

TEST_F(ImageFile, OnlyJpegPngAndPdfAreTaken) {
  std::ofstream(dir_ / "a.pdf") << "%PDF-1.4\n";
  auto pdf = inspect_file((dir_ / "a.pdf").string());
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->mime, "application/pdf");
  std::ofstream(dir_ / "a.gif") << "GIF89a....";
  EXPECT_FALSE(inspect_file((dir_ / "a.gif").string()));
  std::ofstream(dir_ / "fake.jpg") << "\xFF\xD8\xFF but nothing more";
  EXPECT_FALSE(inspect_file((dir_ / "fake.jpg").string())) << "a JPEG header alone is no image";
}

}  // namespace
}  // namespace anju
