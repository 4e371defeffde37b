#pragma once
// GDAL/OGR's C handles, each owned by a unique_ptr that calls the one
// function that frees it: a dataset closed, a feature, geometry, spatial
// reference or coordinate transformation destroyed — on every path,
// errors included. Layers and field definitions belong to their dataset
// and stay plain handles.

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <type_traits>

namespace anju::gdal {

template <class Handle, auto Free>
struct Freer {
  void operator()(Handle h) const {
    if (h) Free(h);
  }
};

// GDALDatasetH, OGRFeatureH and OGRGeometryH are void*; the others point to
// opaque structs.
template <class Handle, auto Free>
using Owned = std::unique_ptr<std::remove_pointer_t<Handle>, Freer<Handle, Free>>;

inline void close_dataset(GDALDatasetH h) { GDALClose(h); }

using Dataset = Owned<GDALDatasetH, close_dataset>;
using Feature = Owned<OGRFeatureH, OGR_F_Destroy>;
using Geometry = Owned<OGRGeometryH, OGR_G_DestroyGeometry>;
using SpatialReference = Owned<OGRSpatialReferenceH, OSRDestroySpatialReference>;
using Transform = Owned<OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation>;

}  // namespace anju::gdal
