/*
 * Diagnostic for the free-troposphere sigma_w question (docs/parity.md, "Free-troposphere sigma_w
 * on real met"): for every 5th minute of a stochastic reference case, places 125 weighted sample
 * points at hycs_std's printed ensemble quintiles (lon x lat x zagl, variants averaged), and writes
 * for each the internal layer it falls in and that layer's shear S (1/s), N^2 (1/s^2), wind speed and
 * vertical velocity at the two bracketing met times (nearest grid point), with hycs_std's sigw_mean.
 * Our own transport does not enter, so candidate forms can be judged against hycs_std directly
 * (fit_sigma.py). Scratch tool, not part of the build; thread-safety: single-threaded main.
 *
 * Run from the repository root after `scripts/build.sh`:
 *   CP=stilt-core/target/stilt-core-0.1.0-SNAPSHOT.jar:$(cat cp.txt)   # cp.txt: mvn dependency:build-classpath
 *   java -cp $CP tools/freetrop-probe/QuintileSampler.java sto_hrrr_column_5_1000m 2019-05-30T11:00:00Z q_column.txt
 * Columns: t w sigw_hycs frac_below_h mlht zlo zhi f_time S_a N2_a S_b N2_b speed_a speed_b w_a w_b pblh.
 * The met files are the two HRRR files of ../shared/reference/met.
 */
import org.stilt.core.met.*;
import org.stilt.core.transport.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.zip.*;
import java.io.*;
public class QuintileSampler { public static void main(String[] a) throws Exception {
  String ref = System.getProperty("stilt.reference.dir", "../shared/reference");
  String caseDir = ref + "/transport/stochastic/" + a[0];
  Instant t0 = Instant.parse(a[1]);
  List<ArlFile> met = new ArrayList<>();
  for (String s : new String[]{"/met/20190530_00-05_hrrr", "/met/20190530_06-11_hrrr"}) met.add(ArlFile.open(Path.of(ref + s)));
  ArlFrameSource src = new ArlFrameSource(met, 25000);
  double[] zk = src.levels().heightsMeters();
  // mean over variants of stats
  Map<Integer, double[]> acc = new TreeMap<>(); Map<Integer,Integer> cnt = new HashMap<>();
  String[] hdr;
  try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(new FileInputStream(caseDir + "/stats.csv.gz"))))) {
    hdr = r.readLine().split(",");
    String line;
    while ((line = r.readLine()) != null) {
      String[] f = line.split(","); int t = Integer.parseInt(f[1]);
      double[] v = acc.computeIfAbsent(t, q -> new double[hdr.length]);
      for (int i = 2; i < f.length; i++) v[i] += f[i].isEmpty() || f[i].equals("NA") ? 0 : Double.parseDouble(f[i]);
      cnt.merge(t, 1, Integer::sum);
    }
  }
  Map<String,Integer> h = new HashMap<>(); for (int i = 0; i < hdr.length; i++) h.put(hdr[i], i);
  String[] zq = {"zagl_p05","zagl_p25","zagl_p50","zagl_p75","zagl_p95"};
  String[] xq = {"long_p05","long_p25","long_p50","long_p75","long_p95"};
  String[] yq = {"lati_p05","lati_p25","lati_p50","lati_p75","lati_p95"};
  double[] wq = {0.15, 0.2, 0.3, 0.2, 0.15};
  Map<Instant, KernelFrame> frames = new HashMap<>();
  PrintWriter out = new PrintWriter(a[2]);
  out.println("t w sig frac_below mlht zlo zhi fb Sa N2a Sb N2b ua ub wa wb pblh");
  for (var e : acc.entrySet()) {
    int t = e.getKey(); double[] v = e.getValue(); int n = cnt.get(t);
    if (t % 5 != 0 && t > -5 == false) continue;
    Instant ti = t0.plusSeconds(60L * t);
    long sec = ti.getEpochSecond(); long hA = Math.floorDiv(sec, 3600) * 3600; double fb = (sec - hA) / 3600.0;
    KernelFrame fa = frames.computeIfAbsent(Instant.ofEpochSecond(hA), src::frame), fbF = frames.computeIfAbsent(Instant.ofEpochSecond(hA + 3600), src::frame);
    double sig = v[h.get("sigw_mean")] / n, below = v[h.get("frac_below_h")] / n, mlht = v[h.get("mlht_mean")] / n;
    for (int iz = 0; iz < 5; iz++) for (int ix = 0; ix < 5; ix++) for (int iy = 0; iy < 5; iy++) {
      double z = v[h.get(zq[iz])] / n, lon = v[h.get(xq[ix])] / n, lat = v[h.get(yq[iy])] / n;
      double w = wq[iz] * wq[ix] * wq[iy];
      var g = src.projection().toGrid(lat, lon);
      int i = (int)Math.round(g.x()) - 1 - fa.x0(), j = (int)Math.round(g.y()) - 1 - fa.y0();
      double zs = fa.get2(KernelFrame.F2_ZSFC, i, j); double sc = (25000 - zs)/25000;
      double[] lv = new double[zk.length]; for (int q = 0; q < zk.length; q++) lv[q] = zk[q]*sc;
      int k = HannaTurbulence.layerOf(z, lv); if (k + 1 >= lv.length) k = lv.length - 2;
      double[] sv = new double[9];
      for (int fi = 0; fi < 2; fi++) { KernelFrame F = fi == 0 ? fa : fbF;
        double du = F.get3(KernelFrame.F3_U,i,j,k+1)-F.get3(KernelFrame.F3_U,i,j,k), dv = F.get3(KernelFrame.F3_V,i,j,k+1)-F.get3(KernelFrame.F3_V,i,j,k);
        double t1 = F.get3(KernelFrame.F3_THETA,i,j,k), t2 = F.get3(KernelFrame.F3_THETA,i,j,k+1); double dz = lv[k+1]-lv[k];
        sv[fi*2] = Math.hypot(du,dv)/dz; sv[fi*2+1] = 9.81*(t2-t1)/(0.5*(t1+t2))/dz; sv[4+fi] = Math.hypot(F.get3(KernelFrame.F3_U,i,j,k), F.get3(KernelFrame.F3_V,i,j,k)); double fz = Math.max(0, Math.min(1, (z - lv[k]) / dz)); sv[6+fi] = F.get3(KernelFrame.F3_W,i,j,k) + (F.get3(KernelFrame.F3_W,i,j,k+1) - F.get3(KernelFrame.F3_W,i,j,k)) * fz; } sv[8] = fa.get2(KernelFrame.F2_PBLH,i,j) * (1 - fb) + fbF.get2(KernelFrame.F2_PBLH,i,j) * fb;
      out.printf(Locale.ROOT, "%d %.6f %.5f %.4f %.1f %.1f %.1f %.4f %.6f %.4e %.6f %.4e %.3f %.3f %.5f %.5f %.1f%n", t, w, sig, below, mlht, lv[k], lv[k+1], fb, sv[0], sv[1], sv[2], sv[3], sv[4], sv[5], sv[6], sv[7], sv[8]);
    }
  }
  out.close();
}}
