// Figures transcribed from VL-RouterBench (arXiv 2512.23562): Table 2 and the per-dataset Tables A1–A6.
// They are the paper's reported numbers, shown beside ours in reports of the vl-routerbench preset.
// Generated from ../shared/reference/*.csv by scripts/embed-paper-figures.py; do not edit by hand.

enum PaperFiguresData {
  static let table2CSV = #"""
family,router,avg_acc_pct,avg_acc_std,avg_cost_usd_per_10k,avg_cost_std,rank_score,rank_score_std,rank,throughput_k_tokens_per_s
baseline,Oracle,95.60,,0.37,,93.68,,0,
baseline,Strongest,78.01,,2.72,,68.88,,8,
baseline,Cheapest,62.43,,0.14,,64.63,,11,
feature,KNN,66.26,,0.38,,67.13,,9,3.14
feature,PRkNN,70.68,,0.41,,71.09,,5,2.73
feature,OVR,75.49,,2.18,,68.92,,7,6.90
feature,K-means,70.01,,2.21,,64.62,,12,31.43
feature,Linear,68.32,7.45,1.32,0.33,65.68,5.69,10,150.74
feature,MLP,77.49,0.56,1.13,0.13,74.23,0.22,3,146.71
end-to-end,CosineCls,70.24,0.62,0.61,0.16,69.90,0.34,6,7.58
end-to-end,RouterDC,77.52,1.04,1.04,0.26,74.59,1.05,1,6.31
end-to-end,ZOOTER,74.65,1.34,0.93,0.15,72.58,1.03,4,7.25
end-to-end,VLC,78.09,1.17,1.23,0.03,74.33,0.51,2,6.74
"""#

  static let tablesA1A6CSV = #"""
table,lambda,group,dataset,metric,method,value
A1,0,General,HallusionBench,avg_acc_pct,Oracle,99.46
A1,0,General,HallusionBench,avg_acc_pct,Strongest,71.89
A1,0,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A1,0,General,HallusionBench,avg_acc_pct,KNN,40.54
A1,0,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A1,0,General,HallusionBench,avg_acc_pct,OVR,66.49
A1,0,General,HallusionBench,avg_acc_pct,K-means,70.27
A1,0,General,HallusionBench,avg_acc_pct,Linear,68.65
A1,0,General,HallusionBench,avg_acc_pct,MLP,68.65
A1,0,General,HallusionBench,avg_acc_pct,CosineCls,79.46
A1,0,General,HallusionBench,avg_acc_pct,RouterDC,80.0
A1,0,General,HallusionBench,avg_acc_pct,VLC,67.03
A1,0,General,HallusionBench,avg_acc_pct,ZOOTER,71.89
A1,0,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A1,0,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A1,0,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A1,0,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A1,0,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A1,0,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A1,0,General,HallusionBench,avg_cost_usd_per_10k,Linear,2.17
A1,0,General,HallusionBench,avg_cost_usd_per_10k,MLP,3.02
A1,0,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,4.18
A1,0,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,2.82
A1,0,General,HallusionBench,avg_cost_usd_per_10k,VLC,3.03
A1,0,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,2.16
A1,0,General,InfoVQA,avg_acc_pct,Oracle,96.49
A1,0,General,InfoVQA,avg_acc_pct,Strongest,83.28
A1,0,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A1,0,General,InfoVQA,avg_acc_pct,KNN,58.36
A1,0,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A1,0,General,InfoVQA,avg_acc_pct,OVR,81.1
A1,0,General,InfoVQA,avg_acc_pct,K-means,80.6
A1,0,General,InfoVQA,avg_acc_pct,Linear,77.93
A1,0,General,InfoVQA,avg_acc_pct,MLP,81.1
A1,0,General,InfoVQA,avg_acc_pct,CosineCls,80.6
A1,0,General,InfoVQA,avg_acc_pct,RouterDC,81.1
A1,0,General,InfoVQA,avg_acc_pct,VLC,82.61
A1,0,General,InfoVQA,avg_acc_pct,ZOOTER,80.77
A1,0,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A1,0,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A1,0,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A1,0,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A1,0,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A1,0,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A1,0,General,InfoVQA,avg_cost_usd_per_10k,Linear,1.66
A1,0,General,InfoVQA,avg_cost_usd_per_10k,MLP,1.73
A1,0,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,0.99
A1,0,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,1.12
A1,0,General,InfoVQA,avg_cost_usd_per_10k,VLC,1.2
A1,0,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,1.61
A1,0,General,MMBench,avg_acc_pct,Oracle,98.16
A1,0,General,MMBench,avg_acc_pct,Strongest,89.86
A1,0,General,MMBench,avg_acc_pct,Cheapest,69.59
A1,0,General,MMBench,avg_acc_pct,KNN,69.59
A1,0,General,MMBench,avg_acc_pct,PRkNN,81.11
A1,0,General,MMBench,avg_acc_pct,OVR,85.25
A1,0,General,MMBench,avg_acc_pct,K-means,70.97
A1,0,General,MMBench,avg_acc_pct,Linear,82.95
A1,0,General,MMBench,avg_acc_pct,MLP,87.56
A1,0,General,MMBench,avg_acc_pct,CosineCls,90.32
A1,0,General,MMBench,avg_acc_pct,RouterDC,90.32
A1,0,General,MMBench,avg_acc_pct,VLC,87.1
A1,0,General,MMBench,avg_acc_pct,ZOOTER,84.79
A1,0,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A1,0,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A1,0,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A1,0,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A1,0,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A1,0,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A1,0,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A1,0,General,MMBench,avg_cost_usd_per_10k,Linear,1.55
A1,0,General,MMBench,avg_cost_usd_per_10k,MLP,1.9
A1,0,General,MMBench,avg_cost_usd_per_10k,CosineCls,5.33
A1,0,General,MMBench,avg_cost_usd_per_10k,RouterDC,2.52
A1,0,General,MMBench,avg_cost_usd_per_10k,VLC,1.84
A1,0,General,MMBench,avg_cost_usd_per_10k,ZOOTER,1.57
A1,0,General,MMMU,avg_acc_pct,Oracle,98.46
A1,0,General,MMMU,avg_acc_pct,Strongest,74.36
A1,0,General,MMMU,avg_acc_pct,Cheapest,45.64
A1,0,General,MMMU,avg_acc_pct,KNN,42.05
A1,0,General,MMMU,avg_acc_pct,PRkNN,53.33
A1,0,General,MMMU,avg_acc_pct,OVR,60.0
A1,0,General,MMMU,avg_acc_pct,K-means,65.64
A1,0,General,MMMU,avg_acc_pct,Linear,67.69
A1,0,General,MMMU,avg_acc_pct,MLP,76.92
A1,0,General,MMMU,avg_acc_pct,CosineCls,77.44
A1,0,General,MMMU,avg_acc_pct,RouterDC,76.41
A1,0,General,MMMU,avg_acc_pct,VLC,75.38
A1,0,General,MMMU,avg_acc_pct,ZOOTER,72.31
A1,0,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A1,0,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A1,0,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A1,0,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A1,0,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A1,0,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A1,0,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A1,0,General,MMMU,avg_cost_usd_per_10k,Linear,11.33
A1,0,General,MMMU,avg_cost_usd_per_10k,MLP,13.22
A1,0,General,MMMU,avg_cost_usd_per_10k,CosineCls,17.54
A1,0,General,MMMU,avg_cost_usd_per_10k,RouterDC,7.06
A1,0,General,MMMU,avg_cost_usd_per_10k,VLC,12.91
A1,0,General,MMMU,avg_cost_usd_per_10k,ZOOTER,10.65
A1,0,General,MMStar,avg_acc_pct,Oracle,96.68
A1,0,General,MMStar,avg_acc_pct,Strongest,72.76
A1,0,General,MMStar,avg_acc_pct,Cheapest,49.17
A1,0,General,MMStar,avg_acc_pct,KNN,54.48
A1,0,General,MMStar,avg_acc_pct,PRkNN,59.8
A1,0,General,MMStar,avg_acc_pct,OVR,68.44
A1,0,General,MMStar,avg_acc_pct,K-means,66.11
A1,0,General,MMStar,avg_acc_pct,Linear,63.46
A1,0,General,MMStar,avg_acc_pct,MLP,70.76
A1,0,General,MMStar,avg_acc_pct,CosineCls,75.08
A1,0,General,MMStar,avg_acc_pct,RouterDC,72.76
A1,0,General,MMStar,avg_acc_pct,VLC,69.44
A1,0,General,MMStar,avg_acc_pct,ZOOTER,74.75
A1,0,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A1,0,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A1,0,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A1,0,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A1,0,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A1,0,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A1,0,General,MMStar,avg_cost_usd_per_10k,Linear,1.76
A1,0,General,MMStar,avg_cost_usd_per_10k,MLP,2.78
A1,0,General,MMStar,avg_cost_usd_per_10k,CosineCls,7.98
A1,0,General,MMStar,avg_cost_usd_per_10k,RouterDC,8.26
A1,0,General,MMStar,avg_cost_usd_per_10k,VLC,2.58
A1,0,General,MMStar,avg_cost_usd_per_10k,ZOOTER,2.78
A1,0,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A1,0,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A1,0,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A1,0,General,RealWorldQA,avg_acc_pct,KNN,55.48
A1,0,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A1,0,General,RealWorldQA,avg_acc_pct,OVR,67.81
A1,0,General,RealWorldQA,avg_acc_pct,K-means,60.27
A1,0,General,RealWorldQA,avg_acc_pct,Linear,69.86
A1,0,General,RealWorldQA,avg_acc_pct,MLP,69.86
A1,0,General,RealWorldQA,avg_acc_pct,CosineCls,78.08
A1,0,General,RealWorldQA,avg_acc_pct,RouterDC,77.4
A1,0,General,RealWorldQA,avg_acc_pct,VLC,74.66
A1,0,General,RealWorldQA,avg_acc_pct,ZOOTER,80.14
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,Linear,1.15
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,MLP,1.84
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,3.55
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,3.77
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,VLC,2.27
A1,0,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,1.78
A1,0,STEM,AI2D,avg_acc_pct,Oracle,99.69
A1,0,STEM,AI2D,avg_acc_pct,Strongest,88.21
A1,0,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A1,0,STEM,AI2D,avg_acc_pct,KNN,67.45
A1,0,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A1,0,STEM,AI2D,avg_acc_pct,OVR,80.66
A1,0,STEM,AI2D,avg_acc_pct,K-means,76.42
A1,0,STEM,AI2D,avg_acc_pct,Linear,76.1
A1,0,STEM,AI2D,avg_acc_pct,MLP,83.8
A1,0,STEM,AI2D,avg_acc_pct,CosineCls,87.11
A1,0,STEM,AI2D,avg_acc_pct,RouterDC,86.95
A1,0,STEM,AI2D,avg_acc_pct,VLC,82.7
A1,0,STEM,AI2D,avg_acc_pct,ZOOTER,84.43
A1,0,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A1,0,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A1,0,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A1,0,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A1,0,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A1,0,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A1,0,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A1,0,STEM,AI2D,avg_cost_usd_per_10k,Linear,1.2
A1,0,STEM,AI2D,avg_cost_usd_per_10k,MLP,2.94
A1,0,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,7.17
A1,0,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,2.1
A1,0,STEM,AI2D,avg_cost_usd_per_10k,VLC,2.02
A1,0,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,2.4
A1,0,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A1,0,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A1,0,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A1,0,STEM,MathVerse,avg_acc_pct,KNN,59.77
A1,0,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A1,0,STEM,MathVerse,avg_acc_pct,OVR,68.75
A1,0,STEM,MathVerse,avg_acc_pct,K-means,66.93
A1,0,STEM,MathVerse,avg_acc_pct,Linear,69.53
A1,0,STEM,MathVerse,avg_acc_pct,MLP,71.09
A1,0,STEM,MathVerse,avg_acc_pct,CosineCls,62.37
A1,0,STEM,MathVerse,avg_acc_pct,RouterDC,66.15
A1,0,STEM,MathVerse,avg_acc_pct,VLC,69.92
A1,0,STEM,MathVerse,avg_acc_pct,ZOOTER,52.99
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,Linear,3.99
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,MLP,4.04
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,7.85
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,2.59
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,VLC,3.87
A1,0,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,2.55
A1,0,STEM,MathVision,avg_acc_pct,Oracle,89.55
A1,0,STEM,MathVision,avg_acc_pct,Strongest,38.81
A1,0,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A1,0,STEM,MathVision,avg_acc_pct,KNN,28.36
A1,0,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A1,0,STEM,MathVision,avg_acc_pct,OVR,35.82
A1,0,STEM,MathVision,avg_acc_pct,K-means,46.27
A1,0,STEM,MathVision,avg_acc_pct,Linear,49.25
A1,0,STEM,MathVision,avg_acc_pct,MLP,50.75
A1,0,STEM,MathVision,avg_acc_pct,CosineCls,61.19
A1,0,STEM,MathVision,avg_acc_pct,RouterDC,61.19
A1,0,STEM,MathVision,avg_acc_pct,VLC,50.75
A1,0,STEM,MathVision,avg_acc_pct,ZOOTER,61.19
A1,0,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A1,0,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A1,0,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A1,0,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A1,0,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A1,0,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A1,0,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A1,0,STEM,MathVision,avg_cost_usd_per_10k,Linear,9.92
A1,0,STEM,MathVision,avg_cost_usd_per_10k,MLP,15.5
A1,0,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,26.73
A1,0,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,2.73
A1,0,STEM,MathVision,avg_cost_usd_per_10k,VLC,19.3
A1,0,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,24.39
A1,0,STEM,MathVista,avg_acc_pct,Oracle,95.85
A1,0,STEM,MathVista,avg_acc_pct,Strongest,75.13
A1,0,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A1,0,STEM,MathVista,avg_acc_pct,KNN,53.89
A1,0,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A1,0,STEM,MathVista,avg_acc_pct,OVR,77.2
A1,0,STEM,MathVista,avg_acc_pct,K-means,73.58
A1,0,STEM,MathVista,avg_acc_pct,Linear,72.54
A1,0,STEM,MathVista,avg_acc_pct,MLP,79.27
A1,0,STEM,MathVista,avg_acc_pct,CosineCls,76.68
A1,0,STEM,MathVista,avg_acc_pct,RouterDC,77.2
A1,0,STEM,MathVista,avg_acc_pct,VLC,76.17
A1,0,STEM,MathVista,avg_acc_pct,ZOOTER,79.79
A1,0,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A1,0,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A1,0,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A1,0,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A1,0,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A1,0,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A1,0,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A1,0,STEM,MathVista,avg_cost_usd_per_10k,Linear,3.79
A1,0,STEM,MathVista,avg_cost_usd_per_10k,MLP,4.82
A1,0,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,9.52
A1,0,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,6.67
A1,0,STEM,MathVista,avg_cost_usd_per_10k,VLC,3.54
A1,0,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,4.45
A1,0,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A1,0,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A1,0,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A1,0,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A1,0,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A1,0,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A1,0,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A1,0,Chart & Doc,ChartQA,avg_acc_pct,Linear,70.2
A1,0,Chart & Doc,ChartQA,avg_acc_pct,MLP,83.8
A1,0,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,70.6
A1,0,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,76.4
A1,0,Chart & Doc,ChartQA,avg_acc_pct,VLC,83.2
A1,0,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,82.6
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,0.38
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.98
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,1.74
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,0.86
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,1.3
A1,0,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,1.34
A1,0,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A1,0,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A1,0,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A1,0,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A1,0,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A1,0,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A1,0,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A1,0,Chart & Doc,DocVQA,avg_acc_pct,Linear,80.19
A1,0,Chart & Doc,DocVQA,avg_acc_pct,MLP,88.13
A1,0,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,87.85
A1,0,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,88.04
A1,0,Chart & Doc,DocVQA,avg_acc_pct,VLC,87.37
A1,0,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,89.57
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.58
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,1.34
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,0.98
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,0.21
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,1.34
A1,0,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,1.41
A1,0,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A1,0,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A1,0,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A1,0,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A1,0,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A1,0,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A1,0,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A1,0,Chart & Doc,OCRBench,avg_acc_pct,Linear,81.22
A1,0,Chart & Doc,OCRBench,avg_acc_pct,MLP,86.85
A1,0,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,93.9
A1,0,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,94.37
A1,0,Chart & Doc,OCRBench,avg_acc_pct,VLC,89.67
A1,0,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,87.32
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,0.71
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,1.61
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,1.6
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,0.68
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,1.77
A1,0,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,1.7
A1,0,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A1,0,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A1,0,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A1,0,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A1,0,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A1,0,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A1,0,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A1,0,Chart & Doc,TextVQA,avg_acc_pct,Linear,68.29
A1,0,Chart & Doc,TextVQA,avg_acc_pct,MLP,71.26
A1,0,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,67.62
A1,0,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,68.49
A1,0,Chart & Doc,TextVQA,avg_acc_pct,VLC,73.56
A1,0,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,69.73
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,0.33
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,1.86
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,1.31
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,0.84
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,1.41
A1,0,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.78
A1,0,Average,All Datasets,avg_acc_pct,Oracle,95.6
A1,0,Average,All Datasets,avg_acc_pct,Strongest,78.01
A1,0,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A1,0,Average,All Datasets,avg_acc_pct,KNN,66.26
A1,0,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A1,0,Average,All Datasets,avg_acc_pct,OVR,75.49
A1,0,Average,All Datasets,avg_acc_pct,K-means,70.01
A1,0,Average,All Datasets,avg_acc_pct,Linear,73.08
A1,0,Average,All Datasets,avg_acc_pct,MLP,78.62
A1,0,Average,All Datasets,avg_acc_pct,CosineCls,77.19
A1,0,Average,All Datasets,avg_acc_pct,RouterDC,78.24
A1,0,Average,All Datasets,avg_acc_pct,VLC,78.65
A1,0,Average,All Datasets,avg_acc_pct,ZOOTER,76.7
A1,0,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A1,0,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A1,0,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A1,0,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A1,0,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A1,0,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A1,0,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A1,0,Average,All Datasets,avg_cost_usd_per_10k,Linear,1.82
A1,0,Average,All Datasets,avg_cost_usd_per_10k,MLP,2.75
A1,0,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,3.37
A1,0,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,1.14
A1,0,Average,All Datasets,avg_cost_usd_per_10k,VLC,2.53
A1,0,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,2.32
A1,0,Average,All Datasets,rank_score,Oracle,93.68
A1,0,Average,All Datasets,rank_score,Strongest,68.88
A1,0,Average,All Datasets,rank_score,Cheapest,64.63
A1,0,Average,All Datasets,rank_score,KNN,67.13
A1,0,Average,All Datasets,rank_score,PRkNN,71.09
A1,0,Average,All Datasets,rank_score,OVR,68.92
A1,0,Average,All Datasets,rank_score,K-means,64.62
A1,0,Average,All Datasets,rank_score,Linear,68.23
A1,0,Average,All Datasets,rank_score,MLP,69.19
A1,0,Average,All Datasets,rank_score,CosineCls,65.9
A1,0,Average,All Datasets,rank_score,RouterDC,74.81
A1,0,Average,All Datasets,rank_score,VLC,70.04
A1,0,Average,All Datasets,rank_score,ZOOTER,69.36
A2,10,General,HallusionBench,avg_acc_pct,Oracle,99.46
A2,10,General,HallusionBench,avg_acc_pct,Strongest,71.89
A2,10,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A2,10,General,HallusionBench,avg_acc_pct,KNN,40.54
A2,10,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A2,10,General,HallusionBench,avg_acc_pct,OVR,66.49
A2,10,General,HallusionBench,avg_acc_pct,K-means,70.27
A2,10,General,HallusionBench,avg_acc_pct,Linear,73.51
A2,10,General,HallusionBench,avg_acc_pct,MLP,65.95
A2,10,General,HallusionBench,avg_acc_pct,CosineCls,61.08
A2,10,General,HallusionBench,avg_acc_pct,RouterDC,58.38
A2,10,General,HallusionBench,avg_acc_pct,VLC,70.81
A2,10,General,HallusionBench,avg_acc_pct,ZOOTER,65.41
A2,10,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A2,10,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A2,10,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A2,10,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A2,10,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A2,10,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A2,10,General,HallusionBench,avg_cost_usd_per_10k,Linear,3.13
A2,10,General,HallusionBench,avg_cost_usd_per_10k,MLP,0.98
A2,10,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,0.17
A2,10,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,0.19
A2,10,General,HallusionBench,avg_cost_usd_per_10k,VLC,0.9
A2,10,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,1.49
A2,10,General,InfoVQA,avg_acc_pct,Oracle,96.49
A2,10,General,InfoVQA,avg_acc_pct,Strongest,83.28
A2,10,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A2,10,General,InfoVQA,avg_acc_pct,KNN,58.36
A2,10,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A2,10,General,InfoVQA,avg_acc_pct,OVR,81.1
A2,10,General,InfoVQA,avg_acc_pct,K-means,80.6
A2,10,General,InfoVQA,avg_acc_pct,Linear,72.41
A2,10,General,InfoVQA,avg_acc_pct,MLP,78.6
A2,10,General,InfoVQA,avg_acc_pct,CosineCls,57.19
A2,10,General,InfoVQA,avg_acc_pct,RouterDC,65.05
A2,10,General,InfoVQA,avg_acc_pct,VLC,83.11
A2,10,General,InfoVQA,avg_acc_pct,ZOOTER,80.43
A2,10,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A2,10,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A2,10,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A2,10,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A2,10,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A2,10,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A2,10,General,InfoVQA,avg_cost_usd_per_10k,Linear,0.87
A2,10,General,InfoVQA,avg_cost_usd_per_10k,MLP,1.31
A2,10,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,0.24
A2,10,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,0.43
A2,10,General,InfoVQA,avg_cost_usd_per_10k,VLC,2.0
A2,10,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,1.72
A2,10,General,MMBench,avg_acc_pct,Oracle,98.16
A2,10,General,MMBench,avg_acc_pct,Strongest,89.86
A2,10,General,MMBench,avg_acc_pct,Cheapest,69.59
A2,10,General,MMBench,avg_acc_pct,KNN,69.59
A2,10,General,MMBench,avg_acc_pct,PRkNN,81.11
A2,10,General,MMBench,avg_acc_pct,OVR,85.25
A2,10,General,MMBench,avg_acc_pct,K-means,70.97
A2,10,General,MMBench,avg_acc_pct,Linear,82.95
A2,10,General,MMBench,avg_acc_pct,MLP,89.86
A2,10,General,MMBench,avg_acc_pct,CosineCls,77.42
A2,10,General,MMBench,avg_acc_pct,RouterDC,79.72
A2,10,General,MMBench,avg_acc_pct,VLC,88.02
A2,10,General,MMBench,avg_acc_pct,ZOOTER,89.86
A2,10,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A2,10,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A2,10,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A2,10,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A2,10,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A2,10,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A2,10,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A2,10,General,MMBench,avg_cost_usd_per_10k,Linear,2.44
A2,10,General,MMBench,avg_cost_usd_per_10k,MLP,1.08
A2,10,General,MMBench,avg_cost_usd_per_10k,CosineCls,0.24
A2,10,General,MMBench,avg_cost_usd_per_10k,RouterDC,0.28
A2,10,General,MMBench,avg_cost_usd_per_10k,VLC,0.93
A2,10,General,MMBench,avg_cost_usd_per_10k,ZOOTER,1.62
A2,10,General,MMMU,avg_acc_pct,Oracle,98.46
A2,10,General,MMMU,avg_acc_pct,Strongest,74.36
A2,10,General,MMMU,avg_acc_pct,Cheapest,45.64
A2,10,General,MMMU,avg_acc_pct,KNN,42.05
A2,10,General,MMMU,avg_acc_pct,PRkNN,53.33
A2,10,General,MMMU,avg_acc_pct,OVR,60.0
A2,10,General,MMMU,avg_acc_pct,K-means,65.64
A2,10,General,MMMU,avg_acc_pct,Linear,70.77
A2,10,General,MMMU,avg_acc_pct,MLP,58.46
A2,10,General,MMMU,avg_acc_pct,CosineCls,48.21
A2,10,General,MMMU,avg_acc_pct,RouterDC,51.79
A2,10,General,MMMU,avg_acc_pct,VLC,62.05
A2,10,General,MMMU,avg_acc_pct,ZOOTER,60.0
A2,10,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A2,10,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A2,10,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A2,10,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A2,10,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A2,10,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A2,10,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A2,10,General,MMMU,avg_cost_usd_per_10k,Linear,11.64
A2,10,General,MMMU,avg_cost_usd_per_10k,MLP,1.59
A2,10,General,MMMU,avg_cost_usd_per_10k,CosineCls,0.33
A2,10,General,MMMU,avg_cost_usd_per_10k,RouterDC,0.31
A2,10,General,MMMU,avg_cost_usd_per_10k,VLC,1.08
A2,10,General,MMMU,avg_cost_usd_per_10k,ZOOTER,1.16
A2,10,General,MMStar,avg_acc_pct,Oracle,96.68
A2,10,General,MMStar,avg_acc_pct,Strongest,72.76
A2,10,General,MMStar,avg_acc_pct,Cheapest,49.17
A2,10,General,MMStar,avg_acc_pct,KNN,54.48
A2,10,General,MMStar,avg_acc_pct,PRkNN,59.8
A2,10,General,MMStar,avg_acc_pct,OVR,68.44
A2,10,General,MMStar,avg_acc_pct,K-means,66.11
A2,10,General,MMStar,avg_acc_pct,Linear,67.44
A2,10,General,MMStar,avg_acc_pct,MLP,69.1
A2,10,General,MMStar,avg_acc_pct,CosineCls,56.81
A2,10,General,MMStar,avg_acc_pct,RouterDC,59.14
A2,10,General,MMStar,avg_acc_pct,VLC,69.77
A2,10,General,MMStar,avg_acc_pct,ZOOTER,70.43
A2,10,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A2,10,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A2,10,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A2,10,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A2,10,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A2,10,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A2,10,General,MMStar,avg_cost_usd_per_10k,Linear,2.33
A2,10,General,MMStar,avg_cost_usd_per_10k,MLP,1.05
A2,10,General,MMStar,avg_cost_usd_per_10k,CosineCls,0.24
A2,10,General,MMStar,avg_cost_usd_per_10k,RouterDC,0.24
A2,10,General,MMStar,avg_cost_usd_per_10k,VLC,0.83
A2,10,General,MMStar,avg_cost_usd_per_10k,ZOOTER,1.33
A2,10,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A2,10,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A2,10,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A2,10,General,RealWorldQA,avg_acc_pct,KNN,55.48
A2,10,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A2,10,General,RealWorldQA,avg_acc_pct,OVR,67.81
A2,10,General,RealWorldQA,avg_acc_pct,K-means,60.27
A2,10,General,RealWorldQA,avg_acc_pct,Linear,67.12
A2,10,General,RealWorldQA,avg_acc_pct,MLP,69.86
A2,10,General,RealWorldQA,avg_acc_pct,CosineCls,63.7
A2,10,General,RealWorldQA,avg_acc_pct,RouterDC,61.64
A2,10,General,RealWorldQA,avg_acc_pct,VLC,71.92
A2,10,General,RealWorldQA,avg_acc_pct,ZOOTER,79.45
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,Linear,1.91
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,MLP,0.7
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,0.16
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,0.31
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,VLC,1.27
A2,10,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,1.29
A2,10,STEM,AI2D,avg_acc_pct,Oracle,99.69
A2,10,STEM,AI2D,avg_acc_pct,Strongest,88.21
A2,10,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A2,10,STEM,AI2D,avg_acc_pct,KNN,67.45
A2,10,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A2,10,STEM,AI2D,avg_acc_pct,OVR,80.66
A2,10,STEM,AI2D,avg_acc_pct,K-means,76.42
A2,10,STEM,AI2D,avg_acc_pct,Linear,79.56
A2,10,STEM,AI2D,avg_acc_pct,MLP,83.02
A2,10,STEM,AI2D,avg_acc_pct,CosineCls,73.58
A2,10,STEM,AI2D,avg_acc_pct,RouterDC,72.8
A2,10,STEM,AI2D,avg_acc_pct,VLC,86.16
A2,10,STEM,AI2D,avg_acc_pct,ZOOTER,84.28
A2,10,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A2,10,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A2,10,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A2,10,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A2,10,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A2,10,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A2,10,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A2,10,STEM,AI2D,avg_cost_usd_per_10k,Linear,2.2
A2,10,STEM,AI2D,avg_cost_usd_per_10k,MLP,1.1
A2,10,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,0.17
A2,10,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,0.21
A2,10,STEM,AI2D,avg_cost_usd_per_10k,VLC,1.5
A2,10,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,1.37
A2,10,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A2,10,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A2,10,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A2,10,STEM,MathVerse,avg_acc_pct,KNN,59.77
A2,10,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A2,10,STEM,MathVerse,avg_acc_pct,OVR,68.75
A2,10,STEM,MathVerse,avg_acc_pct,K-means,66.93
A2,10,STEM,MathVerse,avg_acc_pct,Linear,67.71
A2,10,STEM,MathVerse,avg_acc_pct,MLP,69.92
A2,10,STEM,MathVerse,avg_acc_pct,CosineCls,64.71
A2,10,STEM,MathVerse,avg_acc_pct,RouterDC,57.68
A2,10,STEM,MathVerse,avg_acc_pct,VLC,62.11
A2,10,STEM,MathVerse,avg_acc_pct,ZOOTER,64.32
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,Linear,3.33
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,MLP,3.28
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,3.92
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,2.39
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,VLC,1.52
A2,10,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,2.18
A2,10,STEM,MathVision,avg_acc_pct,Oracle,89.55
A2,10,STEM,MathVision,avg_acc_pct,Strongest,38.81
A2,10,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A2,10,STEM,MathVision,avg_acc_pct,KNN,28.36
A2,10,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A2,10,STEM,MathVision,avg_acc_pct,OVR,35.82
A2,10,STEM,MathVision,avg_acc_pct,K-means,46.27
A2,10,STEM,MathVision,avg_acc_pct,Linear,46.27
A2,10,STEM,MathVision,avg_acc_pct,MLP,49.25
A2,10,STEM,MathVision,avg_acc_pct,CosineCls,49.25
A2,10,STEM,MathVision,avg_acc_pct,RouterDC,37.31
A2,10,STEM,MathVision,avg_acc_pct,VLC,52.24
A2,10,STEM,MathVision,avg_acc_pct,ZOOTER,52.24
A2,10,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A2,10,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A2,10,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A2,10,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A2,10,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A2,10,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A2,10,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A2,10,STEM,MathVision,avg_cost_usd_per_10k,Linear,7.07
A2,10,STEM,MathVision,avg_cost_usd_per_10k,MLP,2.55
A2,10,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,9.16
A2,10,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,1.17
A2,10,STEM,MathVision,avg_cost_usd_per_10k,VLC,1.78
A2,10,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,1.78
A2,10,STEM,MathVista,avg_acc_pct,Oracle,95.85
A2,10,STEM,MathVista,avg_acc_pct,Strongest,75.13
A2,10,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A2,10,STEM,MathVista,avg_acc_pct,KNN,53.89
A2,10,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A2,10,STEM,MathVista,avg_acc_pct,OVR,77.2
A2,10,STEM,MathVista,avg_acc_pct,K-means,73.58
A2,10,STEM,MathVista,avg_acc_pct,Linear,76.17
A2,10,STEM,MathVista,avg_acc_pct,MLP,81.87
A2,10,STEM,MathVista,avg_acc_pct,CosineCls,62.69
A2,10,STEM,MathVista,avg_acc_pct,RouterDC,62.18
A2,10,STEM,MathVista,avg_acc_pct,VLC,77.72
A2,10,STEM,MathVista,avg_acc_pct,ZOOTER,77.72
A2,10,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A2,10,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A2,10,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A2,10,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A2,10,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A2,10,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A2,10,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A2,10,STEM,MathVista,avg_cost_usd_per_10k,Linear,3.72
A2,10,STEM,MathVista,avg_cost_usd_per_10k,MLP,1.9
A2,10,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,0.77
A2,10,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,0.44
A2,10,STEM,MathVista,avg_cost_usd_per_10k,VLC,1.14
A2,10,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,1.17
A2,10,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A2,10,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A2,10,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A2,10,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A2,10,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A2,10,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A2,10,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A2,10,Chart & Doc,ChartQA,avg_acc_pct,Linear,79.4
A2,10,Chart & Doc,ChartQA,avg_acc_pct,MLP,84.0
A2,10,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,82.4
A2,10,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,83.4
A2,10,Chart & Doc,ChartQA,avg_acc_pct,VLC,87.0
A2,10,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,81.2
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,1.36
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.58
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,0.17
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,0.22
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,0.85
A2,10,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,1.58
A2,10,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A2,10,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A2,10,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A2,10,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A2,10,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A2,10,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A2,10,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A2,10,Chart & Doc,DocVQA,avg_acc_pct,Linear,82.78
A2,10,Chart & Doc,DocVQA,avg_acc_pct,MLP,85.07
A2,10,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,79.14
A2,10,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,81.24
A2,10,Chart & Doc,DocVQA,avg_acc_pct,VLC,90.14
A2,10,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,88.52
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.62
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,0.65
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,0.15
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,0.21
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,1.59
A2,10,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,1.2
A2,10,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A2,10,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A2,10,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A2,10,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A2,10,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A2,10,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A2,10,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A2,10,Chart & Doc,OCRBench,avg_acc_pct,Linear,80.28
A2,10,Chart & Doc,OCRBench,avg_acc_pct,MLP,88.26
A2,10,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,81.22
A2,10,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,85.45
A2,10,Chart & Doc,OCRBench,avg_acc_pct,VLC,88.26
A2,10,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,85.45
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,1.18
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,1.06
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,0.16
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,0.21
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,0.57
A2,10,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,0.97
A2,10,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A2,10,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A2,10,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A2,10,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A2,10,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A2,10,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A2,10,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A2,10,Chart & Doc,TextVQA,avg_acc_pct,Linear,66.38
A2,10,Chart & Doc,TextVQA,avg_acc_pct,MLP,72.7
A2,10,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,72.41
A2,10,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,70.59
A2,10,Chart & Doc,TextVQA,avg_acc_pct,VLC,70.88
A2,10,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,71.74
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,1.05
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,0.57
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,0.14
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,0.17
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,0.62
A2,10,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.31
A2,10,Average,All Datasets,avg_acc_pct,Oracle,95.6
A2,10,Average,All Datasets,avg_acc_pct,Strongest,78.01
A2,10,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A2,10,Average,All Datasets,avg_acc_pct,KNN,66.26
A2,10,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A2,10,Average,All Datasets,avg_acc_pct,OVR,75.49
A2,10,Average,All Datasets,avg_acc_pct,K-means,70.01
A2,10,Average,All Datasets,avg_acc_pct,Linear,73.97
A2,10,Average,All Datasets,avg_acc_pct,MLP,77.32
A2,10,Average,All Datasets,avg_acc_pct,CosineCls,69.88
A2,10,Average,All Datasets,avg_acc_pct,RouterDC,70.99
A2,10,Average,All Datasets,avg_acc_pct,VLC,78.09
A2,10,Average,All Datasets,avg_acc_pct,ZOOTER,77.26
A2,10,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A2,10,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A2,10,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A2,10,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A2,10,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A2,10,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A2,10,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A2,10,Average,All Datasets,avg_cost_usd_per_10k,Linear,2.08
A2,10,Average,All Datasets,avg_cost_usd_per_10k,MLP,1.22
A2,10,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,0.77
A2,10,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,0.53
A2,10,Average,All Datasets,avg_cost_usd_per_10k,VLC,1.23
A2,10,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,1.3
A2,10,Average,All Datasets,rank_score,Oracle,93.68
A2,10,Average,All Datasets,rank_score,Strongest,68.88
A2,10,Average,All Datasets,rank_score,Cheapest,64.63
A2,10,Average,All Datasets,rank_score,KNN,67.13
A2,10,Average,All Datasets,rank_score,PRkNN,71.09
A2,10,Average,All Datasets,rank_score,OVR,68.92
A2,10,Average,All Datasets,rank_score,K-means,64.62
A2,10,Average,All Datasets,rank_score,Linear,68.1
A2,10,Average,All Datasets,rank_score,MLP,73.73
A2,10,Average,All Datasets,rank_score,CosineCls,68.98
A2,10,Average,All Datasets,rank_score,RouterDC,70.89
A2,10,Average,All Datasets,rank_score,VLC,74.33
A2,10,Average,All Datasets,rank_score,ZOOTER,73.4
A3,100,General,HallusionBench,avg_acc_pct,Oracle,99.46
A3,100,General,HallusionBench,avg_acc_pct,Strongest,71.89
A3,100,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A3,100,General,HallusionBench,avg_acc_pct,KNN,40.54
A3,100,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A3,100,General,HallusionBench,avg_acc_pct,OVR,66.49
A3,100,General,HallusionBench,avg_acc_pct,K-means,70.27
A3,100,General,HallusionBench,avg_acc_pct,Linear,67.03
A3,100,General,HallusionBench,avg_acc_pct,MLP,58.92
A3,100,General,HallusionBench,avg_acc_pct,CosineCls,56.22
A3,100,General,HallusionBench,avg_acc_pct,RouterDC,59.46
A3,100,General,HallusionBench,avg_acc_pct,VLC,59.46
A3,100,General,HallusionBench,avg_acc_pct,ZOOTER,58.38
A3,100,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A3,100,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A3,100,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A3,100,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A3,100,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A3,100,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A3,100,General,HallusionBench,avg_cost_usd_per_10k,Linear,1.56
A3,100,General,HallusionBench,avg_cost_usd_per_10k,MLP,0.33
A3,100,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,0.2
A3,100,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,0.21
A3,100,General,HallusionBench,avg_cost_usd_per_10k,VLC,0.23
A3,100,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,0.19
A3,100,General,InfoVQA,avg_acc_pct,Oracle,96.49
A3,100,General,InfoVQA,avg_acc_pct,Strongest,83.28
A3,100,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A3,100,General,InfoVQA,avg_acc_pct,KNN,58.36
A3,100,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A3,100,General,InfoVQA,avg_acc_pct,OVR,81.1
A3,100,General,InfoVQA,avg_acc_pct,K-means,80.6
A3,100,General,InfoVQA,avg_acc_pct,Linear,79.77
A3,100,General,InfoVQA,avg_acc_pct,MLP,74.41
A3,100,General,InfoVQA,avg_acc_pct,CosineCls,65.05
A3,100,General,InfoVQA,avg_acc_pct,RouterDC,68.06
A3,100,General,InfoVQA,avg_acc_pct,VLC,67.56
A3,100,General,InfoVQA,avg_acc_pct,ZOOTER,56.69
A3,100,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A3,100,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A3,100,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A3,100,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A3,100,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A3,100,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A3,100,General,InfoVQA,avg_cost_usd_per_10k,Linear,1.71
A3,100,General,InfoVQA,avg_cost_usd_per_10k,MLP,0.56
A3,100,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,0.36
A3,100,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,0.44
A3,100,General,InfoVQA,avg_cost_usd_per_10k,VLC,0.6
A3,100,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,0.21
A3,100,General,MMBench,avg_acc_pct,Oracle,98.16
A3,100,General,MMBench,avg_acc_pct,Strongest,89.86
A3,100,General,MMBench,avg_acc_pct,Cheapest,69.59
A3,100,General,MMBench,avg_acc_pct,KNN,69.59
A3,100,General,MMBench,avg_acc_pct,PRkNN,81.11
A3,100,General,MMBench,avg_acc_pct,OVR,85.25
A3,100,General,MMBench,avg_acc_pct,K-means,70.97
A3,100,General,MMBench,avg_acc_pct,Linear,83.41
A3,100,General,MMBench,avg_acc_pct,MLP,77.42
A3,100,General,MMBench,avg_acc_pct,CosineCls,80.18
A3,100,General,MMBench,avg_acc_pct,RouterDC,81.57
A3,100,General,MMBench,avg_acc_pct,VLC,82.49
A3,100,General,MMBench,avg_acc_pct,ZOOTER,68.66
A3,100,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A3,100,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A3,100,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A3,100,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A3,100,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A3,100,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A3,100,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A3,100,General,MMBench,avg_cost_usd_per_10k,Linear,1.32
A3,100,General,MMBench,avg_cost_usd_per_10k,MLP,0.3
A3,100,General,MMBench,avg_cost_usd_per_10k,CosineCls,0.23
A3,100,General,MMBench,avg_cost_usd_per_10k,RouterDC,0.44
A3,100,General,MMBench,avg_cost_usd_per_10k,VLC,0.34
A3,100,General,MMBench,avg_cost_usd_per_10k,ZOOTER,0.2
A3,100,General,MMMU,avg_acc_pct,Oracle,98.46
A3,100,General,MMMU,avg_acc_pct,Strongest,74.36
A3,100,General,MMMU,avg_acc_pct,Cheapest,45.64
A3,100,General,MMMU,avg_acc_pct,KNN,42.05
A3,100,General,MMMU,avg_acc_pct,PRkNN,53.33
A3,100,General,MMMU,avg_acc_pct,OVR,60.0
A3,100,General,MMMU,avg_acc_pct,K-means,65.64
A3,100,General,MMMU,avg_acc_pct,Linear,68.72
A3,100,General,MMMU,avg_acc_pct,MLP,55.9
A3,100,General,MMMU,avg_acc_pct,CosineCls,51.28
A3,100,General,MMMU,avg_acc_pct,RouterDC,53.85
A3,100,General,MMMU,avg_acc_pct,VLC,53.33
A3,100,General,MMMU,avg_acc_pct,ZOOTER,54.87
A3,100,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A3,100,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A3,100,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A3,100,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A3,100,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A3,100,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A3,100,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A3,100,General,MMMU,avg_cost_usd_per_10k,Linear,10.21
A3,100,General,MMMU,avg_cost_usd_per_10k,MLP,0.52
A3,100,General,MMMU,avg_cost_usd_per_10k,CosineCls,0.41
A3,100,General,MMMU,avg_cost_usd_per_10k,RouterDC,0.45
A3,100,General,MMMU,avg_cost_usd_per_10k,VLC,0.5
A3,100,General,MMMU,avg_cost_usd_per_10k,ZOOTER,0.49
A3,100,General,MMStar,avg_acc_pct,Oracle,96.68
A3,100,General,MMStar,avg_acc_pct,Strongest,72.76
A3,100,General,MMStar,avg_acc_pct,Cheapest,49.17
A3,100,General,MMStar,avg_acc_pct,KNN,54.48
A3,100,General,MMStar,avg_acc_pct,PRkNN,59.8
A3,100,General,MMStar,avg_acc_pct,OVR,68.44
A3,100,General,MMStar,avg_acc_pct,K-means,66.11
A3,100,General,MMStar,avg_acc_pct,Linear,62.13
A3,100,General,MMStar,avg_acc_pct,MLP,64.45
A3,100,General,MMStar,avg_acc_pct,CosineCls,60.47
A3,100,General,MMStar,avg_acc_pct,RouterDC,58.8
A3,100,General,MMStar,avg_acc_pct,VLC,60.47
A3,100,General,MMStar,avg_acc_pct,ZOOTER,61.13
A3,100,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A3,100,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A3,100,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A3,100,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A3,100,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A3,100,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A3,100,General,MMStar,avg_cost_usd_per_10k,Linear,2.66
A3,100,General,MMStar,avg_cost_usd_per_10k,MLP,0.36
A3,100,General,MMStar,avg_cost_usd_per_10k,CosineCls,0.3
A3,100,General,MMStar,avg_cost_usd_per_10k,RouterDC,0.3
A3,100,General,MMStar,avg_cost_usd_per_10k,VLC,0.32
A3,100,General,MMStar,avg_cost_usd_per_10k,ZOOTER,0.3
A3,100,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A3,100,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A3,100,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A3,100,General,RealWorldQA,avg_acc_pct,KNN,55.48
A3,100,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A3,100,General,RealWorldQA,avg_acc_pct,OVR,67.81
A3,100,General,RealWorldQA,avg_acc_pct,K-means,60.27
A3,100,General,RealWorldQA,avg_acc_pct,Linear,65.07
A3,100,General,RealWorldQA,avg_acc_pct,MLP,67.12
A3,100,General,RealWorldQA,avg_acc_pct,CosineCls,65.07
A3,100,General,RealWorldQA,avg_acc_pct,RouterDC,65.75
A3,100,General,RealWorldQA,avg_acc_pct,VLC,70.55
A3,100,General,RealWorldQA,avg_acc_pct,ZOOTER,66.44
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,Linear,0.8
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,MLP,0.17
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,0.23
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,0.21
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,VLC,0.27
A3,100,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,0.15
A3,100,STEM,AI2D,avg_acc_pct,Oracle,99.69
A3,100,STEM,AI2D,avg_acc_pct,Strongest,88.21
A3,100,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A3,100,STEM,AI2D,avg_acc_pct,KNN,67.45
A3,100,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A3,100,STEM,AI2D,avg_acc_pct,OVR,80.66
A3,100,STEM,AI2D,avg_acc_pct,K-means,76.42
A3,100,STEM,AI2D,avg_acc_pct,Linear,78.14
A3,100,STEM,AI2D,avg_acc_pct,MLP,80.82
A3,100,STEM,AI2D,avg_acc_pct,CosineCls,74.53
A3,100,STEM,AI2D,avg_acc_pct,RouterDC,72.01
A3,100,STEM,AI2D,avg_acc_pct,VLC,74.53
A3,100,STEM,AI2D,avg_acc_pct,ZOOTER,72.96
A3,100,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A3,100,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A3,100,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A3,100,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A3,100,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A3,100,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A3,100,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A3,100,STEM,AI2D,avg_cost_usd_per_10k,Linear,0.91
A3,100,STEM,AI2D,avg_cost_usd_per_10k,MLP,0.36
A3,100,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,0.25
A3,100,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,0.21
A3,100,STEM,AI2D,avg_cost_usd_per_10k,VLC,0.22
A3,100,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,0.23
A3,100,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A3,100,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A3,100,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A3,100,STEM,MathVerse,avg_acc_pct,KNN,59.77
A3,100,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A3,100,STEM,MathVerse,avg_acc_pct,OVR,68.75
A3,100,STEM,MathVerse,avg_acc_pct,K-means,66.93
A3,100,STEM,MathVerse,avg_acc_pct,Linear,67.32
A3,100,STEM,MathVerse,avg_acc_pct,MLP,61.98
A3,100,STEM,MathVerse,avg_acc_pct,CosineCls,64.84
A3,100,STEM,MathVerse,avg_acc_pct,RouterDC,64.06
A3,100,STEM,MathVerse,avg_acc_pct,VLC,60.29
A3,100,STEM,MathVerse,avg_acc_pct,ZOOTER,63.02
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,Linear,3.55
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,MLP,1.6
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,3.86
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,3.69
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,VLC,1.37
A3,100,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,2.31
A3,100,STEM,MathVision,avg_acc_pct,Oracle,89.55
A3,100,STEM,MathVision,avg_acc_pct,Strongest,38.81
A3,100,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A3,100,STEM,MathVision,avg_acc_pct,KNN,28.36
A3,100,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A3,100,STEM,MathVision,avg_acc_pct,OVR,35.82
A3,100,STEM,MathVision,avg_acc_pct,K-means,46.27
A3,100,STEM,MathVision,avg_acc_pct,Linear,41.79
A3,100,STEM,MathVision,avg_acc_pct,MLP,49.25
A3,100,STEM,MathVision,avg_acc_pct,CosineCls,52.24
A3,100,STEM,MathVision,avg_acc_pct,RouterDC,50.75
A3,100,STEM,MathVision,avg_acc_pct,VLC,50.75
A3,100,STEM,MathVision,avg_acc_pct,ZOOTER,52.24
A3,100,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A3,100,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A3,100,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A3,100,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A3,100,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A3,100,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A3,100,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A3,100,STEM,MathVision,avg_cost_usd_per_10k,Linear,10.53
A3,100,STEM,MathVision,avg_cost_usd_per_10k,MLP,1.8
A3,100,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,3.29
A3,100,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,2.49
A3,100,STEM,MathVision,avg_cost_usd_per_10k,VLC,1.76
A3,100,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,1.78
A3,100,STEM,MathVista,avg_acc_pct,Oracle,95.85
A3,100,STEM,MathVista,avg_acc_pct,Strongest,75.13
A3,100,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A3,100,STEM,MathVista,avg_acc_pct,KNN,53.89
A3,100,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A3,100,STEM,MathVista,avg_acc_pct,OVR,77.2
A3,100,STEM,MathVista,avg_acc_pct,K-means,73.58
A3,100,STEM,MathVista,avg_acc_pct,Linear,71.5
A3,100,STEM,MathVista,avg_acc_pct,MLP,75.65
A3,100,STEM,MathVista,avg_acc_pct,CosineCls,65.29
A3,100,STEM,MathVista,avg_acc_pct,RouterDC,68.39
A3,100,STEM,MathVista,avg_acc_pct,VLC,73.06
A3,100,STEM,MathVista,avg_acc_pct,ZOOTER,77.72
A3,100,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A3,100,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A3,100,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A3,100,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A3,100,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A3,100,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A3,100,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A3,100,STEM,MathVista,avg_cost_usd_per_10k,Linear,4.93
A3,100,STEM,MathVista,avg_cost_usd_per_10k,MLP,1.03
A3,100,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,0.85
A3,100,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,0.79
A3,100,STEM,MathVista,avg_cost_usd_per_10k,VLC,0.89
A3,100,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,1.11
A3,100,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A3,100,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A3,100,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A3,100,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A3,100,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A3,100,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A3,100,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A3,100,Chart & Doc,ChartQA,avg_acc_pct,Linear,80.6
A3,100,Chart & Doc,ChartQA,avg_acc_pct,MLP,81.4
A3,100,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,83.0
A3,100,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,82.0
A3,100,Chart & Doc,ChartQA,avg_acc_pct,VLC,83.8
A3,100,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,81.8
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,0.91
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.16
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,0.21
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,0.25
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,0.25
A3,100,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,0.16
A3,100,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A3,100,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A3,100,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A3,100,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A3,100,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A3,100,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A3,100,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A3,100,Chart & Doc,DocVQA,avg_acc_pct,Linear,81.44
A3,100,Chart & Doc,DocVQA,avg_acc_pct,MLP,83.06
A3,100,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,80.48
A3,100,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,79.52
A3,100,Chart & Doc,DocVQA,avg_acc_pct,VLC,82.58
A3,100,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,79.04
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.74
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,0.36
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,0.2
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,0.21
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,0.29
A3,100,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,0.16
A3,100,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A3,100,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A3,100,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A3,100,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A3,100,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A3,100,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A3,100,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A3,100,Chart & Doc,OCRBench,avg_acc_pct,Linear,78.4
A3,100,Chart & Doc,OCRBench,avg_acc_pct,MLP,83.1
A3,100,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,84.04
A3,100,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,83.57
A3,100,Chart & Doc,OCRBench,avg_acc_pct,VLC,87.32
A3,100,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,79.34
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,0.78
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,0.28
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,0.2
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,0.22
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,0.32
A3,100,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,0.17
A3,100,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A3,100,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A3,100,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A3,100,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A3,100,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A3,100,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A3,100,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A3,100,Chart & Doc,TextVQA,avg_acc_pct,Linear,64.37
A3,100,Chart & Doc,TextVQA,avg_acc_pct,MLP,70.31
A3,100,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,71.46
A3,100,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,70.31
A3,100,Chart & Doc,TextVQA,avg_acc_pct,VLC,70.59
A3,100,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,72.13
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,0.39
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,0.2
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,0.17
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,0.15
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,0.25
A3,100,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.13
A3,100,Average,All Datasets,avg_acc_pct,Oracle,95.6
A3,100,Average,All Datasets,avg_acc_pct,Strongest,78.01
A3,100,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A3,100,Average,All Datasets,avg_acc_pct,KNN,66.26
A3,100,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A3,100,Average,All Datasets,avg_acc_pct,OVR,75.49
A3,100,Average,All Datasets,avg_acc_pct,K-means,70.01
A3,100,Average,All Datasets,avg_acc_pct,Linear,73.2
A3,100,Average,All Datasets,avg_acc_pct,MLP,73.31
A3,100,Average,All Datasets,avg_acc_pct,CosineCls,71.35
A3,100,Average,All Datasets,avg_acc_pct,RouterDC,72.07
A3,100,Average,All Datasets,avg_acc_pct,VLC,72.02
A3,100,Average,All Datasets,avg_acc_pct,ZOOTER,69.97
A3,100,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A3,100,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A3,100,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A3,100,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A3,100,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A3,100,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A3,100,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A3,100,Average,All Datasets,avg_cost_usd_per_10k,Linear,1.85
A3,100,Average,All Datasets,avg_cost_usd_per_10k,MLP,0.52
A3,100,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,0.74
A3,100,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,0.73
A3,100,Average,All Datasets,avg_cost_usd_per_10k,VLC,0.48
A3,100,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,0.5
A3,100,Average,All Datasets,rank_score,Oracle,93.68
A3,100,Average,All Datasets,rank_score,Strongest,68.88
A3,100,Average,All Datasets,rank_score,Cheapest,64.63
A3,100,Average,All Datasets,rank_score,KNN,67.13
A3,100,Average,All Datasets,rank_score,PRkNN,71.09
A3,100,Average,All Datasets,rank_score,OVR,68.92
A3,100,Average,All Datasets,rank_score,K-means,64.62
A3,100,Average,All Datasets,rank_score,Linear,68.26
A3,100,Average,All Datasets,rank_score,MLP,73.01
A3,100,Average,All Datasets,rank_score,CosineCls,70.38
A3,100,Average,All Datasets,rank_score,RouterDC,71.07
A3,100,Average,All Datasets,rank_score,VLC,72.01
A3,100,Average,All Datasets,rank_score,ZOOTER,70.06
A4,1000,General,HallusionBench,avg_acc_pct,Oracle,99.46
A4,1000,General,HallusionBench,avg_acc_pct,Strongest,71.89
A4,1000,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A4,1000,General,HallusionBench,avg_acc_pct,KNN,40.54
A4,1000,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A4,1000,General,HallusionBench,avg_acc_pct,OVR,66.49
A4,1000,General,HallusionBench,avg_acc_pct,K-means,70.27
A4,1000,General,HallusionBench,avg_acc_pct,Linear,68.11
A4,1000,General,HallusionBench,avg_acc_pct,MLP,46.49
A4,1000,General,HallusionBench,avg_acc_pct,CosineCls,57.84
A4,1000,General,HallusionBench,avg_acc_pct,RouterDC,56.22
A4,1000,General,HallusionBench,avg_acc_pct,VLC,57.3
A4,1000,General,HallusionBench,avg_acc_pct,ZOOTER,57.3
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,Linear,1.62
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,MLP,0.18
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,0.14
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,0.2
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,VLC,0.14
A4,1000,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,General,InfoVQA,avg_acc_pct,Oracle,96.49
A4,1000,General,InfoVQA,avg_acc_pct,Strongest,83.28
A4,1000,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A4,1000,General,InfoVQA,avg_acc_pct,KNN,58.36
A4,1000,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A4,1000,General,InfoVQA,avg_acc_pct,OVR,81.1
A4,1000,General,InfoVQA,avg_acc_pct,K-means,80.6
A4,1000,General,InfoVQA,avg_acc_pct,Linear,81.27
A4,1000,General,InfoVQA,avg_acc_pct,MLP,59.36
A4,1000,General,InfoVQA,avg_acc_pct,CosineCls,55.18
A4,1000,General,InfoVQA,avg_acc_pct,RouterDC,65.05
A4,1000,General,InfoVQA,avg_acc_pct,VLC,54.01
A4,1000,General,InfoVQA,avg_acc_pct,ZOOTER,53.68
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,Linear,1.17
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,MLP,0.22
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,0.16
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,0.45
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,VLC,0.15
A4,1000,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,General,MMBench,avg_acc_pct,Oracle,98.16
A4,1000,General,MMBench,avg_acc_pct,Strongest,89.86
A4,1000,General,MMBench,avg_acc_pct,Cheapest,69.59
A4,1000,General,MMBench,avg_acc_pct,KNN,69.59
A4,1000,General,MMBench,avg_acc_pct,PRkNN,81.11
A4,1000,General,MMBench,avg_acc_pct,OVR,85.25
A4,1000,General,MMBench,avg_acc_pct,K-means,70.97
A4,1000,General,MMBench,avg_acc_pct,Linear,80.18
A4,1000,General,MMBench,avg_acc_pct,MLP,76.96
A4,1000,General,MMBench,avg_acc_pct,CosineCls,73.27
A4,1000,General,MMBench,avg_acc_pct,RouterDC,77.88
A4,1000,General,MMBench,avg_acc_pct,VLC,72.35
A4,1000,General,MMBench,avg_acc_pct,ZOOTER,70.97
A4,1000,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A4,1000,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A4,1000,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A4,1000,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A4,1000,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A4,1000,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A4,1000,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A4,1000,General,MMBench,avg_cost_usd_per_10k,Linear,1.43
A4,1000,General,MMBench,avg_cost_usd_per_10k,MLP,0.21
A4,1000,General,MMBench,avg_cost_usd_per_10k,CosineCls,0.19
A4,1000,General,MMBench,avg_cost_usd_per_10k,RouterDC,0.23
A4,1000,General,MMBench,avg_cost_usd_per_10k,VLC,0.17
A4,1000,General,MMBench,avg_cost_usd_per_10k,ZOOTER,0.13
A4,1000,General,MMMU,avg_acc_pct,Oracle,98.46
A4,1000,General,MMMU,avg_acc_pct,Strongest,74.36
A4,1000,General,MMMU,avg_acc_pct,Cheapest,45.64
A4,1000,General,MMMU,avg_acc_pct,KNN,42.05
A4,1000,General,MMMU,avg_acc_pct,PRkNN,53.33
A4,1000,General,MMMU,avg_acc_pct,OVR,60.0
A4,1000,General,MMMU,avg_acc_pct,K-means,65.64
A4,1000,General,MMMU,avg_acc_pct,Linear,61.03
A4,1000,General,MMMU,avg_acc_pct,MLP,47.69
A4,1000,General,MMMU,avg_acc_pct,CosineCls,49.74
A4,1000,General,MMMU,avg_acc_pct,RouterDC,54.36
A4,1000,General,MMMU,avg_acc_pct,VLC,45.13
A4,1000,General,MMMU,avg_acc_pct,ZOOTER,43.08
A4,1000,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A4,1000,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A4,1000,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A4,1000,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A4,1000,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A4,1000,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A4,1000,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A4,1000,General,MMMU,avg_cost_usd_per_10k,Linear,4.69
A4,1000,General,MMMU,avg_cost_usd_per_10k,MLP,0.26
A4,1000,General,MMMU,avg_cost_usd_per_10k,CosineCls,0.33
A4,1000,General,MMMU,avg_cost_usd_per_10k,RouterDC,0.52
A4,1000,General,MMMU,avg_cost_usd_per_10k,VLC,0.18
A4,1000,General,MMMU,avg_cost_usd_per_10k,ZOOTER,0.17
A4,1000,General,MMStar,avg_acc_pct,Oracle,96.68
A4,1000,General,MMStar,avg_acc_pct,Strongest,72.76
A4,1000,General,MMStar,avg_acc_pct,Cheapest,49.17
A4,1000,General,MMStar,avg_acc_pct,KNN,54.48
A4,1000,General,MMStar,avg_acc_pct,PRkNN,59.8
A4,1000,General,MMStar,avg_acc_pct,OVR,68.44
A4,1000,General,MMStar,avg_acc_pct,K-means,66.11
A4,1000,General,MMStar,avg_acc_pct,Linear,64.45
A4,1000,General,MMStar,avg_acc_pct,MLP,54.82
A4,1000,General,MMStar,avg_acc_pct,CosineCls,51.5
A4,1000,General,MMStar,avg_acc_pct,RouterDC,57.81
A4,1000,General,MMStar,avg_acc_pct,VLC,49.5
A4,1000,General,MMStar,avg_acc_pct,ZOOTER,49.17
A4,1000,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A4,1000,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A4,1000,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A4,1000,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A4,1000,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A4,1000,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A4,1000,General,MMStar,avg_cost_usd_per_10k,Linear,1.79
A4,1000,General,MMStar,avg_cost_usd_per_10k,MLP,0.22
A4,1000,General,MMStar,avg_cost_usd_per_10k,CosineCls,0.19
A4,1000,General,MMStar,avg_cost_usd_per_10k,RouterDC,0.32
A4,1000,General,MMStar,avg_cost_usd_per_10k,VLC,0.15
A4,1000,General,MMStar,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A4,1000,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A4,1000,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A4,1000,General,RealWorldQA,avg_acc_pct,KNN,55.48
A4,1000,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A4,1000,General,RealWorldQA,avg_acc_pct,OVR,67.81
A4,1000,General,RealWorldQA,avg_acc_pct,K-means,60.27
A4,1000,General,RealWorldQA,avg_acc_pct,Linear,65.75
A4,1000,General,RealWorldQA,avg_acc_pct,MLP,61.64
A4,1000,General,RealWorldQA,avg_acc_pct,CosineCls,67.12
A4,1000,General,RealWorldQA,avg_acc_pct,RouterDC,65.07
A4,1000,General,RealWorldQA,avg_acc_pct,VLC,65.75
A4,1000,General,RealWorldQA,avg_acc_pct,ZOOTER,67.12
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,Linear,1.06
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,MLP,0.14
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,0.14
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,0.28
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,VLC,0.13
A4,1000,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,0.13
A4,1000,STEM,AI2D,avg_acc_pct,Oracle,99.69
A4,1000,STEM,AI2D,avg_acc_pct,Strongest,88.21
A4,1000,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A4,1000,STEM,AI2D,avg_acc_pct,KNN,67.45
A4,1000,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A4,1000,STEM,AI2D,avg_acc_pct,OVR,80.66
A4,1000,STEM,AI2D,avg_acc_pct,K-means,76.42
A4,1000,STEM,AI2D,avg_acc_pct,Linear,76.1
A4,1000,STEM,AI2D,avg_acc_pct,MLP,71.86
A4,1000,STEM,AI2D,avg_acc_pct,CosineCls,72.33
A4,1000,STEM,AI2D,avg_acc_pct,RouterDC,75.31
A4,1000,STEM,AI2D,avg_acc_pct,VLC,72.96
A4,1000,STEM,AI2D,avg_acc_pct,ZOOTER,72.01
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,Linear,1.51
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,MLP,0.15
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,0.14
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,0.24
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,VLC,0.13
A4,1000,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,0.13
A4,1000,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A4,1000,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A4,1000,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A4,1000,STEM,MathVerse,avg_acc_pct,KNN,59.77
A4,1000,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A4,1000,STEM,MathVerse,avg_acc_pct,OVR,68.75
A4,1000,STEM,MathVerse,avg_acc_pct,K-means,66.93
A4,1000,STEM,MathVerse,avg_acc_pct,Linear,66.93
A4,1000,STEM,MathVerse,avg_acc_pct,MLP,56.9
A4,1000,STEM,MathVerse,avg_acc_pct,CosineCls,60.29
A4,1000,STEM,MathVerse,avg_acc_pct,RouterDC,64.19
A4,1000,STEM,MathVerse,avg_acc_pct,VLC,40.89
A4,1000,STEM,MathVerse,avg_acc_pct,ZOOTER,23.05
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,Linear,3.19
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,MLP,1.35
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,1.37
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,3.75
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,VLC,0.85
A4,1000,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,0.18
A4,1000,STEM,MathVision,avg_acc_pct,Oracle,89.55
A4,1000,STEM,MathVision,avg_acc_pct,Strongest,38.81
A4,1000,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A4,1000,STEM,MathVision,avg_acc_pct,KNN,28.36
A4,1000,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A4,1000,STEM,MathVision,avg_acc_pct,OVR,35.82
A4,1000,STEM,MathVision,avg_acc_pct,K-means,46.27
A4,1000,STEM,MathVision,avg_acc_pct,Linear,47.76
A4,1000,STEM,MathVision,avg_acc_pct,MLP,31.34
A4,1000,STEM,MathVision,avg_acc_pct,CosineCls,52.24
A4,1000,STEM,MathVision,avg_acc_pct,RouterDC,43.28
A4,1000,STEM,MathVision,avg_acc_pct,VLC,31.34
A4,1000,STEM,MathVision,avg_acc_pct,ZOOTER,13.43
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,Linear,5.56
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,MLP,1.03
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,1.78
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,1.47
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,VLC,1.01
A4,1000,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,0.17
A4,1000,STEM,MathVista,avg_acc_pct,Oracle,95.85
A4,1000,STEM,MathVista,avg_acc_pct,Strongest,75.13
A4,1000,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A4,1000,STEM,MathVista,avg_acc_pct,KNN,53.89
A4,1000,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A4,1000,STEM,MathVista,avg_acc_pct,OVR,77.2
A4,1000,STEM,MathVista,avg_acc_pct,K-means,73.58
A4,1000,STEM,MathVista,avg_acc_pct,Linear,72.02
A4,1000,STEM,MathVista,avg_acc_pct,MLP,56.99
A4,1000,STEM,MathVista,avg_acc_pct,CosineCls,67.88
A4,1000,STEM,MathVista,avg_acc_pct,RouterDC,62.18
A4,1000,STEM,MathVista,avg_acc_pct,VLC,54.92
A4,1000,STEM,MathVista,avg_acc_pct,ZOOTER,51.3
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,Linear,2.75
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,MLP,0.37
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,0.8
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,0.52
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,VLC,0.28
A4,1000,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,0.16
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,Linear,80.2
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,MLP,81.4
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,81.6
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,84.2
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,VLC,81.0
A4,1000,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,81.0
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,0.6
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.18
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,0.15
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,0.24
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,0.14
A4,1000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,Linear,81.05
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,MLP,79.43
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,78.95
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,80.67
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,VLC,79.23
A4,1000,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,78.85
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.7
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,0.15
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,0.14
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,0.22
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,0.14
A4,1000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,Linear,80.75
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,MLP,80.75
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,80.75
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,83.57
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,VLC,80.75
A4,1000,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,80.28
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,0.79
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,0.2
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,0.15
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,0.19
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,0.14
A4,1000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,Linear,66.95
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,MLP,71.65
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,72.13
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,71.55
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,VLC,72.22
A4,1000,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,72.13
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,1.14
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,0.14
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,0.13
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,0.16
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,0.13
A4,1000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.13
A4,1000,Average,All Datasets,avg_acc_pct,Oracle,95.6
A4,1000,Average,All Datasets,avg_acc_pct,Strongest,78.01
A4,1000,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A4,1000,Average,All Datasets,avg_acc_pct,KNN,66.26
A4,1000,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A4,1000,Average,All Datasets,avg_acc_pct,OVR,75.49
A4,1000,Average,All Datasets,avg_acc_pct,K-means,70.01
A4,1000,Average,All Datasets,avg_acc_pct,Linear,73.4
A4,1000,Average,All Datasets,avg_acc_pct,MLP,67.75
A4,1000,Average,All Datasets,avg_acc_pct,CosineCls,68.65
A4,1000,Average,All Datasets,avg_acc_pct,RouterDC,71.17
A4,1000,Average,All Datasets,avg_acc_pct,VLC,65.21
A4,1000,Average,All Datasets,avg_acc_pct,ZOOTER,62.33
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,Linear,1.57
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,MLP,0.33
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,0.35
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,0.72
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,VLC,0.24
A4,1000,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,0.14
A4,1000,Average,All Datasets,rank_score,Oracle,93.68
A4,1000,Average,All Datasets,rank_score,Strongest,68.88
A4,1000,Average,All Datasets,rank_score,Cheapest,64.63
A4,1000,Average,All Datasets,rank_score,KNN,67.13
A4,1000,Average,All Datasets,rank_score,PRkNN,71.09
A4,1000,Average,All Datasets,rank_score,OVR,68.92
A4,1000,Average,All Datasets,rank_score,K-means,64.62
A4,1000,Average,All Datasets,rank_score,Linear,69.29
A4,1000,Average,All Datasets,rank_score,MLP,68.73
A4,1000,Average,All Datasets,rank_score,CosineCls,69.53
A4,1000,Average,All Datasets,rank_score,RouterDC,70.31
A4,1000,Average,All Datasets,rank_score,VLC,66.78
A4,1000,Average,All Datasets,rank_score,ZOOTER,64.54
A5,10000,General,HallusionBench,avg_acc_pct,Oracle,99.46
A5,10000,General,HallusionBench,avg_acc_pct,Strongest,71.89
A5,10000,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A5,10000,General,HallusionBench,avg_acc_pct,KNN,40.54
A5,10000,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A5,10000,General,HallusionBench,avg_acc_pct,OVR,66.49
A5,10000,General,HallusionBench,avg_acc_pct,K-means,70.27
A5,10000,General,HallusionBench,avg_acc_pct,Linear,62.7
A5,10000,General,HallusionBench,avg_acc_pct,MLP,48.11
A5,10000,General,HallusionBench,avg_acc_pct,CosineCls,51.89
A5,10000,General,HallusionBench,avg_acc_pct,RouterDC,58.38
A5,10000,General,HallusionBench,avg_acc_pct,VLC,41.62
A5,10000,General,HallusionBench,avg_acc_pct,ZOOTER,56.76
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,Linear,0.77
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,MLP,0.14
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,0.3
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,0.17
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,VLC,0.16
A5,10000,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,General,InfoVQA,avg_acc_pct,Oracle,96.49
A5,10000,General,InfoVQA,avg_acc_pct,Strongest,83.28
A5,10000,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A5,10000,General,InfoVQA,avg_acc_pct,KNN,58.36
A5,10000,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A5,10000,General,InfoVQA,avg_acc_pct,OVR,81.1
A5,10000,General,InfoVQA,avg_acc_pct,K-means,80.6
A5,10000,General,InfoVQA,avg_acc_pct,Linear,79.1
A5,10000,General,InfoVQA,avg_acc_pct,MLP,58.19
A5,10000,General,InfoVQA,avg_acc_pct,CosineCls,62.54
A5,10000,General,InfoVQA,avg_acc_pct,RouterDC,61.71
A5,10000,General,InfoVQA,avg_acc_pct,VLC,60.87
A5,10000,General,InfoVQA,avg_acc_pct,ZOOTER,53.68
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,Linear,0.8
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,MLP,0.2
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,0.46
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,0.33
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,VLC,0.29
A5,10000,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,General,MMBench,avg_acc_pct,Oracle,98.16
A5,10000,General,MMBench,avg_acc_pct,Strongest,89.86
A5,10000,General,MMBench,avg_acc_pct,Cheapest,69.59
A5,10000,General,MMBench,avg_acc_pct,KNN,69.59
A5,10000,General,MMBench,avg_acc_pct,PRkNN,81.11
A5,10000,General,MMBench,avg_acc_pct,OVR,85.25
A5,10000,General,MMBench,avg_acc_pct,K-means,70.97
A5,10000,General,MMBench,avg_acc_pct,Linear,71.43
A5,10000,General,MMBench,avg_acc_pct,MLP,74.19
A5,10000,General,MMBench,avg_acc_pct,CosineCls,76.5
A5,10000,General,MMBench,avg_acc_pct,RouterDC,82.03
A5,10000,General,MMBench,avg_acc_pct,VLC,77.42
A5,10000,General,MMBench,avg_acc_pct,ZOOTER,69.59
A5,10000,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A5,10000,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A5,10000,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A5,10000,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A5,10000,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A5,10000,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A5,10000,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A5,10000,General,MMBench,avg_cost_usd_per_10k,Linear,0.43
A5,10000,General,MMBench,avg_cost_usd_per_10k,MLP,0.16
A5,10000,General,MMBench,avg_cost_usd_per_10k,CosineCls,0.61
A5,10000,General,MMBench,avg_cost_usd_per_10k,RouterDC,0.47
A5,10000,General,MMBench,avg_cost_usd_per_10k,VLC,0.19
A5,10000,General,MMBench,avg_cost_usd_per_10k,ZOOTER,0.13
A5,10000,General,MMMU,avg_acc_pct,Oracle,98.46
A5,10000,General,MMMU,avg_acc_pct,Strongest,74.36
A5,10000,General,MMMU,avg_acc_pct,Cheapest,45.64
A5,10000,General,MMMU,avg_acc_pct,KNN,42.05
A5,10000,General,MMMU,avg_acc_pct,PRkNN,53.33
A5,10000,General,MMMU,avg_acc_pct,OVR,60.0
A5,10000,General,MMMU,avg_acc_pct,K-means,65.64
A5,10000,General,MMMU,avg_acc_pct,Linear,55.38
A5,10000,General,MMMU,avg_acc_pct,MLP,44.1
A5,10000,General,MMMU,avg_acc_pct,CosineCls,53.33
A5,10000,General,MMMU,avg_acc_pct,RouterDC,45.13
A5,10000,General,MMMU,avg_acc_pct,VLC,44.1
A5,10000,General,MMMU,avg_acc_pct,ZOOTER,45.13
A5,10000,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A5,10000,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A5,10000,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A5,10000,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A5,10000,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A5,10000,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A5,10000,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A5,10000,General,MMMU,avg_cost_usd_per_10k,Linear,1.2
A5,10000,General,MMMU,avg_cost_usd_per_10k,MLP,0.28
A5,10000,General,MMMU,avg_cost_usd_per_10k,CosineCls,8.07
A5,10000,General,MMMU,avg_cost_usd_per_10k,RouterDC,6.11
A5,10000,General,MMMU,avg_cost_usd_per_10k,VLC,0.3
A5,10000,General,MMMU,avg_cost_usd_per_10k,ZOOTER,0.17
A5,10000,General,MMStar,avg_acc_pct,Oracle,96.68
A5,10000,General,MMStar,avg_acc_pct,Strongest,72.76
A5,10000,General,MMStar,avg_acc_pct,Cheapest,49.17
A5,10000,General,MMStar,avg_acc_pct,KNN,54.48
A5,10000,General,MMStar,avg_acc_pct,PRkNN,59.8
A5,10000,General,MMStar,avg_acc_pct,OVR,68.44
A5,10000,General,MMStar,avg_acc_pct,K-means,66.11
A5,10000,General,MMStar,avg_acc_pct,Linear,51.83
A5,10000,General,MMStar,avg_acc_pct,MLP,53.82
A5,10000,General,MMStar,avg_acc_pct,CosineCls,60.13
A5,10000,General,MMStar,avg_acc_pct,RouterDC,55.81
A5,10000,General,MMStar,avg_acc_pct,VLC,54.82
A5,10000,General,MMStar,avg_acc_pct,ZOOTER,49.17
A5,10000,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A5,10000,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A5,10000,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A5,10000,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A5,10000,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A5,10000,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A5,10000,General,MMStar,avg_cost_usd_per_10k,Linear,0.49
A5,10000,General,MMStar,avg_cost_usd_per_10k,MLP,0.18
A5,10000,General,MMStar,avg_cost_usd_per_10k,CosineCls,3.12
A5,10000,General,MMStar,avg_cost_usd_per_10k,RouterDC,1.77
A5,10000,General,MMStar,avg_cost_usd_per_10k,VLC,0.2
A5,10000,General,MMStar,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A5,10000,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A5,10000,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A5,10000,General,RealWorldQA,avg_acc_pct,KNN,55.48
A5,10000,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A5,10000,General,RealWorldQA,avg_acc_pct,OVR,67.81
A5,10000,General,RealWorldQA,avg_acc_pct,K-means,60.27
A5,10000,General,RealWorldQA,avg_acc_pct,Linear,60.96
A5,10000,General,RealWorldQA,avg_acc_pct,MLP,65.75
A5,10000,General,RealWorldQA,avg_acc_pct,CosineCls,59.59
A5,10000,General,RealWorldQA,avg_acc_pct,RouterDC,62.33
A5,10000,General,RealWorldQA,avg_acc_pct,VLC,62.33
A5,10000,General,RealWorldQA,avg_acc_pct,ZOOTER,67.12
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,Linear,0.46
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,MLP,0.13
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,0.51
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,0.19
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,VLC,0.16
A5,10000,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,0.13
A5,10000,STEM,AI2D,avg_acc_pct,Oracle,99.69
A5,10000,STEM,AI2D,avg_acc_pct,Strongest,88.21
A5,10000,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A5,10000,STEM,AI2D,avg_acc_pct,KNN,67.45
A5,10000,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A5,10000,STEM,AI2D,avg_acc_pct,OVR,80.66
A5,10000,STEM,AI2D,avg_acc_pct,K-means,76.42
A5,10000,STEM,AI2D,avg_acc_pct,Linear,70.44
A5,10000,STEM,AI2D,avg_acc_pct,MLP,70.91
A5,10000,STEM,AI2D,avg_acc_pct,CosineCls,73.58
A5,10000,STEM,AI2D,avg_acc_pct,RouterDC,73.43
A5,10000,STEM,AI2D,avg_acc_pct,VLC,72.17
A5,10000,STEM,AI2D,avg_acc_pct,ZOOTER,72.33
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,Linear,0.51
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,MLP,0.14
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,0.38
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,0.27
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,VLC,0.15
A5,10000,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,0.13
A5,10000,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A5,10000,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A5,10000,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A5,10000,STEM,MathVerse,avg_acc_pct,KNN,59.77
A5,10000,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A5,10000,STEM,MathVerse,avg_acc_pct,OVR,68.75
A5,10000,STEM,MathVerse,avg_acc_pct,K-means,66.93
A5,10000,STEM,MathVerse,avg_acc_pct,Linear,53.39
A5,10000,STEM,MathVerse,avg_acc_pct,MLP,52.47
A5,10000,STEM,MathVerse,avg_acc_pct,CosineCls,45.83
A5,10000,STEM,MathVerse,avg_acc_pct,RouterDC,50.39
A5,10000,STEM,MathVerse,avg_acc_pct,VLC,43.36
A5,10000,STEM,MathVerse,avg_acc_pct,ZOOTER,23.05
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,Linear,1.56
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,MLP,1.73
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,9.42
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,7.3
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,VLC,0.79
A5,10000,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,0.18
A5,10000,STEM,MathVision,avg_acc_pct,Oracle,89.55
A5,10000,STEM,MathVision,avg_acc_pct,Strongest,38.81
A5,10000,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A5,10000,STEM,MathVision,avg_acc_pct,KNN,28.36
A5,10000,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A5,10000,STEM,MathVision,avg_acc_pct,OVR,35.82
A5,10000,STEM,MathVision,avg_acc_pct,K-means,46.27
A5,10000,STEM,MathVision,avg_acc_pct,Linear,34.33
A5,10000,STEM,MathVision,avg_acc_pct,MLP,31.34
A5,10000,STEM,MathVision,avg_acc_pct,CosineCls,23.88
A5,10000,STEM,MathVision,avg_acc_pct,RouterDC,22.39
A5,10000,STEM,MathVision,avg_acc_pct,VLC,22.39
A5,10000,STEM,MathVision,avg_acc_pct,ZOOTER,13.43
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,Linear,1.48
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,MLP,1.48
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,40.17
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,40.7
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,VLC,0.98
A5,10000,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,0.17
A5,10000,STEM,MathVista,avg_acc_pct,Oracle,95.85
A5,10000,STEM,MathVista,avg_acc_pct,Strongest,75.13
A5,10000,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A5,10000,STEM,MathVista,avg_acc_pct,KNN,53.89
A5,10000,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A5,10000,STEM,MathVista,avg_acc_pct,OVR,77.2
A5,10000,STEM,MathVista,avg_acc_pct,K-means,73.58
A5,10000,STEM,MathVista,avg_acc_pct,Linear,63.21
A5,10000,STEM,MathVista,avg_acc_pct,MLP,55.44
A5,10000,STEM,MathVista,avg_acc_pct,CosineCls,55.96
A5,10000,STEM,MathVista,avg_acc_pct,RouterDC,59.07
A5,10000,STEM,MathVista,avg_acc_pct,VLC,54.92
A5,10000,STEM,MathVista,avg_acc_pct,ZOOTER,51.3
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,Linear,1.0
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,MLP,0.38
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,6.74
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,3.64
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,VLC,0.31
A5,10000,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,0.16
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,Linear,76.6
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,MLP,81.4
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,81.4
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,83.0
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,VLC,81.2
A5,10000,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,81.0
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,0.33
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.15
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,0.24
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,0.22
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,0.17
A5,10000,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,Linear,80.1
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,MLP,78.56
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,79.9
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,79.71
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,VLC,78.95
A5,10000,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,78.85
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.61
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,0.14
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,0.19
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,0.18
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,0.16
A5,10000,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,Linear,80.28
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,MLP,79.34
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,83.1
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,83.57
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,VLC,81.69
A5,10000,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,80.28
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,0.5
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,0.17
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,0.22
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,0.21
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,0.16
A5,10000,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,Linear,66.67
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,MLP,71.55
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,70.11
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,70.59
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,VLC,69.92
A5,10000,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,72.13
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,0.43
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,0.13
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,0.27
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,0.17
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,0.14
A5,10000,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.13
A5,10000,Average,All Datasets,avg_acc_pct,Oracle,95.6
A5,10000,Average,All Datasets,avg_acc_pct,Strongest,78.01
A5,10000,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A5,10000,Average,All Datasets,avg_acc_pct,KNN,66.26
A5,10000,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A5,10000,Average,All Datasets,avg_acc_pct,OVR,75.49
A5,10000,Average,All Datasets,avg_acc_pct,K-means,70.01
A5,10000,Average,All Datasets,avg_acc_pct,Linear,68.55
A5,10000,Average,All Datasets,avg_acc_pct,MLP,66.6
A5,10000,Average,All Datasets,avg_acc_pct,CosineCls,76.17
A5,10000,Average,All Datasets,avg_acc_pct,RouterDC,76.91
A5,10000,Average,All Datasets,avg_acc_pct,VLC,65.47
A5,10000,Average,All Datasets,avg_acc_pct,ZOOTER,62.36
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,Linear,0.71
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,MLP,0.38
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,2.48
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,1.93
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,VLC,0.27
A5,10000,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,0.14
A5,10000,Average,All Datasets,rank_score,Oracle,93.68
A5,10000,Average,All Datasets,rank_score,Strongest,68.88
A5,10000,Average,All Datasets,rank_score,Cheapest,64.63
A5,10000,Average,All Datasets,rank_score,KNN,67.13
A5,10000,Average,All Datasets,rank_score,PRkNN,71.09
A5,10000,Average,All Datasets,rank_score,OVR,68.92
A5,10000,Average,All Datasets,rank_score,K-means,64.62
A5,10000,Average,All Datasets,rank_score,Linear,68.01
A5,10000,Average,All Datasets,rank_score,MLP,67.48
A5,10000,Average,All Datasets,rank_score,CosineCls,68.41
A5,10000,Average,All Datasets,rank_score,RouterDC,70.86
A5,10000,Average,All Datasets,rank_score,VLC,66.9
A5,10000,Average,All Datasets,rank_score,ZOOTER,64.57
A6,inf,General,HallusionBench,avg_acc_pct,Oracle,99.46
A6,inf,General,HallusionBench,avg_acc_pct,Strongest,71.89
A6,inf,General,HallusionBench,avg_acc_pct,Cheapest,57.84
A6,inf,General,HallusionBench,avg_acc_pct,KNN,40.54
A6,inf,General,HallusionBench,avg_acc_pct,PRkNN,43.24
A6,inf,General,HallusionBench,avg_acc_pct,OVR,66.49
A6,inf,General,HallusionBench,avg_acc_pct,K-means,70.27
A6,inf,General,HallusionBench,avg_acc_pct,Linear,57.84
A6,inf,General,HallusionBench,avg_acc_pct,MLP,47.57
A6,inf,General,HallusionBench,avg_acc_pct,CosineCls,78.38
A6,inf,General,HallusionBench,avg_acc_pct,RouterDC,80.0
A6,inf,General,HallusionBench,avg_acc_pct,VLC,45.41
A6,inf,General,HallusionBench,avg_acc_pct,ZOOTER,49.73
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,Oracle,0.23
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,Strongest,2.97
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,KNN,0.18
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,PRkNN,0.21
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,OVR,1.67
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,K-means,2.89
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,Linear,0.14
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,MLP,0.16
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,CosineCls,5.18
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,RouterDC,4.66
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,VLC,0.15
A6,inf,General,HallusionBench,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,General,InfoVQA,avg_acc_pct,Oracle,96.49
A6,inf,General,InfoVQA,avg_acc_pct,Strongest,83.28
A6,inf,General,InfoVQA,avg_acc_pct,Cheapest,53.68
A6,inf,General,InfoVQA,avg_acc_pct,KNN,58.36
A6,inf,General,InfoVQA,avg_acc_pct,PRkNN,61.87
A6,inf,General,InfoVQA,avg_acc_pct,OVR,81.1
A6,inf,General,InfoVQA,avg_acc_pct,K-means,80.6
A6,inf,General,InfoVQA,avg_acc_pct,Linear,51.17
A6,inf,General,InfoVQA,avg_acc_pct,MLP,58.03
A6,inf,General,InfoVQA,avg_acc_pct,CosineCls,81.77
A6,inf,General,InfoVQA,avg_acc_pct,RouterDC,81.94
A6,inf,General,InfoVQA,avg_acc_pct,VLC,59.2
A6,inf,General,InfoVQA,avg_acc_pct,ZOOTER,52.34
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,Oracle,0.37
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,Strongest,2.19
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,KNN,0.24
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,PRkNN,0.29
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,OVR,1.49
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,K-means,2.09
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,Linear,0.14
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,MLP,0.23
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,CosineCls,1.34
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,RouterDC,1.47
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,VLC,0.26
A6,inf,General,InfoVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,General,MMBench,avg_acc_pct,Oracle,98.16
A6,inf,General,MMBench,avg_acc_pct,Strongest,89.86
A6,inf,General,MMBench,avg_acc_pct,Cheapest,69.59
A6,inf,General,MMBench,avg_acc_pct,KNN,69.59
A6,inf,General,MMBench,avg_acc_pct,PRkNN,81.11
A6,inf,General,MMBench,avg_acc_pct,OVR,85.25
A6,inf,General,MMBench,avg_acc_pct,K-means,70.97
A6,inf,General,MMBench,avg_acc_pct,Linear,62.67
A6,inf,General,MMBench,avg_acc_pct,MLP,69.59
A6,inf,General,MMBench,avg_acc_pct,CosineCls,90.32
A6,inf,General,MMBench,avg_acc_pct,RouterDC,90.32
A6,inf,General,MMBench,avg_acc_pct,VLC,67.74
A6,inf,General,MMBench,avg_acc_pct,ZOOTER,64.52
A6,inf,General,MMBench,avg_cost_usd_per_10k,Oracle,0.24
A6,inf,General,MMBench,avg_cost_usd_per_10k,Strongest,2.22
A6,inf,General,MMBench,avg_cost_usd_per_10k,Cheapest,0.13
A6,inf,General,MMBench,avg_cost_usd_per_10k,KNN,0.19
A6,inf,General,MMBench,avg_cost_usd_per_10k,PRkNN,0.27
A6,inf,General,MMBench,avg_cost_usd_per_10k,OVR,2.26
A6,inf,General,MMBench,avg_cost_usd_per_10k,K-means,1.17
A6,inf,General,MMBench,avg_cost_usd_per_10k,Linear,0.15
A6,inf,General,MMBench,avg_cost_usd_per_10k,MLP,0.16
A6,inf,General,MMBench,avg_cost_usd_per_10k,CosineCls,5.49
A6,inf,General,MMBench,avg_cost_usd_per_10k,RouterDC,5.49
A6,inf,General,MMBench,avg_cost_usd_per_10k,VLC,0.17
A6,inf,General,MMBench,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,General,MMMU,avg_acc_pct,Oracle,98.46
A6,inf,General,MMMU,avg_acc_pct,Strongest,74.36
A6,inf,General,MMMU,avg_acc_pct,Cheapest,45.64
A6,inf,General,MMMU,avg_acc_pct,KNN,42.05
A6,inf,General,MMMU,avg_acc_pct,PRkNN,53.33
A6,inf,General,MMMU,avg_acc_pct,OVR,60.0
A6,inf,General,MMMU,avg_acc_pct,K-means,65.64
A6,inf,General,MMMU,avg_acc_pct,Linear,37.95
A6,inf,General,MMMU,avg_acc_pct,MLP,39.49
A6,inf,General,MMMU,avg_acc_pct,CosineCls,76.92
A6,inf,General,MMMU,avg_acc_pct,RouterDC,77.44
A6,inf,General,MMMU,avg_acc_pct,VLC,41.03
A6,inf,General,MMMU,avg_acc_pct,ZOOTER,37.44
A6,inf,General,MMMU,avg_cost_usd_per_10k,Oracle,0.64
A6,inf,General,MMMU,avg_cost_usd_per_10k,Strongest,3.24
A6,inf,General,MMMU,avg_cost_usd_per_10k,Cheapest,0.17
A6,inf,General,MMMU,avg_cost_usd_per_10k,KNN,0.41
A6,inf,General,MMMU,avg_cost_usd_per_10k,PRkNN,0.43
A6,inf,General,MMMU,avg_cost_usd_per_10k,OVR,6.95
A6,inf,General,MMMU,avg_cost_usd_per_10k,K-means,10.59
A6,inf,General,MMMU,avg_cost_usd_per_10k,Linear,0.19
A6,inf,General,MMMU,avg_cost_usd_per_10k,MLP,0.28
A6,inf,General,MMMU,avg_cost_usd_per_10k,CosineCls,17.3
A6,inf,General,MMMU,avg_cost_usd_per_10k,RouterDC,17.6
A6,inf,General,MMMU,avg_cost_usd_per_10k,VLC,0.24
A6,inf,General,MMMU,avg_cost_usd_per_10k,ZOOTER,0.17
A6,inf,General,MMStar,avg_acc_pct,Oracle,96.68
A6,inf,General,MMStar,avg_acc_pct,Strongest,72.76
A6,inf,General,MMStar,avg_acc_pct,Cheapest,49.17
A6,inf,General,MMStar,avg_acc_pct,KNN,54.48
A6,inf,General,MMStar,avg_acc_pct,PRkNN,59.8
A6,inf,General,MMStar,avg_acc_pct,OVR,68.44
A6,inf,General,MMStar,avg_acc_pct,K-means,66.11
A6,inf,General,MMStar,avg_acc_pct,Linear,46.51
A6,inf,General,MMStar,avg_acc_pct,MLP,55.15
A6,inf,General,MMStar,avg_acc_pct,CosineCls,73.42
A6,inf,General,MMStar,avg_acc_pct,RouterDC,74.09
A6,inf,General,MMStar,avg_acc_pct,VLC,51.16
A6,inf,General,MMStar,avg_acc_pct,ZOOTER,46.84
A6,inf,General,MMStar,avg_cost_usd_per_10k,Oracle,0.36
A6,inf,General,MMStar,avg_cost_usd_per_10k,Strongest,2.29
A6,inf,General,MMStar,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,General,MMStar,avg_cost_usd_per_10k,KNN,0.25
A6,inf,General,MMStar,avg_cost_usd_per_10k,PRkNN,0.29
A6,inf,General,MMStar,avg_cost_usd_per_10k,OVR,2.85
A6,inf,General,MMStar,avg_cost_usd_per_10k,K-means,1.68
A6,inf,General,MMStar,avg_cost_usd_per_10k,Linear,0.2
A6,inf,General,MMStar,avg_cost_usd_per_10k,MLP,0.2
A6,inf,General,MMStar,avg_cost_usd_per_10k,CosineCls,8.08
A6,inf,General,MMStar,avg_cost_usd_per_10k,RouterDC,7.93
A6,inf,General,MMStar,avg_cost_usd_per_10k,VLC,0.17
A6,inf,General,MMStar,avg_cost_usd_per_10k,ZOOTER,0.15
A6,inf,General,RealWorldQA,avg_acc_pct,Oracle,99.32
A6,inf,General,RealWorldQA,avg_acc_pct,Strongest,77.4
A6,inf,General,RealWorldQA,avg_acc_pct,Cheapest,67.12
A6,inf,General,RealWorldQA,avg_acc_pct,KNN,55.48
A6,inf,General,RealWorldQA,avg_acc_pct,PRkNN,63.7
A6,inf,General,RealWorldQA,avg_acc_pct,OVR,67.81
A6,inf,General,RealWorldQA,avg_acc_pct,K-means,60.27
A6,inf,General,RealWorldQA,avg_acc_pct,Linear,57.53
A6,inf,General,RealWorldQA,avg_acc_pct,MLP,60.27
A6,inf,General,RealWorldQA,avg_acc_pct,CosineCls,78.08
A6,inf,General,RealWorldQA,avg_acc_pct,RouterDC,75.34
A6,inf,General,RealWorldQA,avg_acc_pct,VLC,59.59
A6,inf,General,RealWorldQA,avg_acc_pct,ZOOTER,62.33
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,Oracle,0.22
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,Strongest,2.2
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,Cheapest,0.13
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,KNN,0.14
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,PRkNN,0.18
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,OVR,1.46
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,K-means,1.17
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,Linear,0.13
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,MLP,0.14
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,CosineCls,3.42
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,RouterDC,3.53
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,VLC,0.14
A6,inf,General,RealWorldQA,avg_cost_usd_per_10k,ZOOTER,0.13
A6,inf,STEM,AI2D,avg_acc_pct,Oracle,99.69
A6,inf,STEM,AI2D,avg_acc_pct,Strongest,88.21
A6,inf,STEM,AI2D,avg_acc_pct,Cheapest,72.33
A6,inf,STEM,AI2D,avg_acc_pct,KNN,67.45
A6,inf,STEM,AI2D,avg_acc_pct,PRkNN,73.58
A6,inf,STEM,AI2D,avg_acc_pct,OVR,80.66
A6,inf,STEM,AI2D,avg_acc_pct,K-means,76.42
A6,inf,STEM,AI2D,avg_acc_pct,Linear,66.2
A6,inf,STEM,AI2D,avg_acc_pct,MLP,67.3
A6,inf,STEM,AI2D,avg_acc_pct,CosineCls,87.11
A6,inf,STEM,AI2D,avg_acc_pct,RouterDC,86.95
A6,inf,STEM,AI2D,avg_acc_pct,VLC,68.08
A6,inf,STEM,AI2D,avg_acc_pct,ZOOTER,67.45
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,Oracle,0.24
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,Strongest,2.19
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,Cheapest,0.13
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,KNN,0.16
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,PRkNN,0.19
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,OVR,2.05
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,K-means,2.56
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,Linear,0.13
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,MLP,0.14
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,CosineCls,7.02
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,RouterDC,7.09
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,VLC,0.14
A6,inf,STEM,AI2D,avg_cost_usd_per_10k,ZOOTER,0.13
A6,inf,STEM,MathVerse,avg_acc_pct,Oracle,90.36
A6,inf,STEM,MathVerse,avg_acc_pct,Strongest,49.74
A6,inf,STEM,MathVerse,avg_acc_pct,Cheapest,23.05
A6,inf,STEM,MathVerse,avg_acc_pct,KNN,59.77
A6,inf,STEM,MathVerse,avg_acc_pct,PRkNN,67.97
A6,inf,STEM,MathVerse,avg_acc_pct,OVR,68.75
A6,inf,STEM,MathVerse,avg_acc_pct,K-means,66.93
A6,inf,STEM,MathVerse,avg_acc_pct,Linear,46.22
A6,inf,STEM,MathVerse,avg_acc_pct,MLP,56.25
A6,inf,STEM,MathVerse,avg_acc_pct,CosineCls,65.62
A6,inf,STEM,MathVerse,avg_acc_pct,RouterDC,64.19
A6,inf,STEM,MathVerse,avg_acc_pct,VLC,43.49
A6,inf,STEM,MathVerse,avg_acc_pct,ZOOTER,25.13
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,Oracle,1.06
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,Strongest,4.67
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,Cheapest,0.18
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,KNN,1.64
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,PRkNN,1.7
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,OVR,4.01
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,K-means,3.19
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,Linear,1.03
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,MLP,1.35
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,CosineCls,7.56
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,RouterDC,6.75
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,VLC,0.96
A6,inf,STEM,MathVerse,avg_cost_usd_per_10k,ZOOTER,0.28
A6,inf,STEM,MathVision,avg_acc_pct,Oracle,89.55
A6,inf,STEM,MathVision,avg_acc_pct,Strongest,38.81
A6,inf,STEM,MathVision,avg_acc_pct,Cheapest,13.43
A6,inf,STEM,MathVision,avg_acc_pct,KNN,28.36
A6,inf,STEM,MathVision,avg_acc_pct,PRkNN,23.88
A6,inf,STEM,MathVision,avg_acc_pct,OVR,35.82
A6,inf,STEM,MathVision,avg_acc_pct,K-means,46.27
A6,inf,STEM,MathVision,avg_acc_pct,Linear,31.34
A6,inf,STEM,MathVision,avg_acc_pct,MLP,29.85
A6,inf,STEM,MathVision,avg_acc_pct,CosineCls,61.19
A6,inf,STEM,MathVision,avg_acc_pct,RouterDC,61.19
A6,inf,STEM,MathVision,avg_acc_pct,VLC,22.39
A6,inf,STEM,MathVision,avg_acc_pct,ZOOTER,22.39
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,Oracle,1.77
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,Strongest,8.16
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,Cheapest,0.17
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,KNN,1.23
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,PRkNN,0.72
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,OVR,13.1
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,K-means,5.64
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,Linear,1.0
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,MLP,1.04
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,CosineCls,26.73
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,RouterDC,26.73
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,VLC,0.84
A6,inf,STEM,MathVision,avg_cost_usd_per_10k,ZOOTER,0.54
A6,inf,STEM,MathVista,avg_acc_pct,Oracle,95.85
A6,inf,STEM,MathVista,avg_acc_pct,Strongest,75.13
A6,inf,STEM,MathVista,avg_acc_pct,Cheapest,51.3
A6,inf,STEM,MathVista,avg_acc_pct,KNN,53.89
A6,inf,STEM,MathVista,avg_acc_pct,PRkNN,70.98
A6,inf,STEM,MathVista,avg_acc_pct,OVR,77.2
A6,inf,STEM,MathVista,avg_acc_pct,K-means,73.58
A6,inf,STEM,MathVista,avg_acc_pct,Linear,57.51
A6,inf,STEM,MathVista,avg_acc_pct,MLP,55.44
A6,inf,STEM,MathVista,avg_acc_pct,CosineCls,77.2
A6,inf,STEM,MathVista,avg_acc_pct,RouterDC,77.2
A6,inf,STEM,MathVista,avg_acc_pct,VLC,49.22
A6,inf,STEM,MathVista,avg_acc_pct,ZOOTER,50.78
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,Oracle,0.36
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,Strongest,5.0
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,Cheapest,0.16
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,KNN,0.5
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,PRkNN,0.54
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,OVR,3.46
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,K-means,2.81
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,Linear,0.67
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,MLP,0.42
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,CosineCls,9.63
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,RouterDC,9.63
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,VLC,0.3
A6,inf,STEM,MathVista,avg_cost_usd_per_10k,ZOOTER,0.19
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,Oracle,97.8
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,Strongest,86.2
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,Cheapest,81.0
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,KNN,81.4
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,PRkNN,80.8
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,OVR,81.0
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,K-means,40.6
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,Linear,80.0
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,MLP,80.0
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,CosineCls,79.2
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,RouterDC,80.6
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,VLC,80.4
A6,inf,Chart & Doc,ChartQA,avg_acc_pct,ZOOTER,80.6
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Oracle,0.21
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Strongest,2.19
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,KNN,0.14
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,PRkNN,0.17
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,OVR,1.09
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,K-means,0.69
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,Linear,0.16
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,MLP,0.16
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,CosineCls,2.08
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,RouterDC,2.04
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,VLC,0.16
A6,inf,Chart & Doc,ChartQA,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,Oracle,98.56
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,Strongest,91.48
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,Cheapest,78.95
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,KNN,78.66
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,PRkNN,80.48
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,OVR,85.55
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,K-means,82.3
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,Linear,75.5
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,MLP,78.47
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,CosineCls,88.23
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,RouterDC,89.76
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,VLC,78.76
A6,inf,Chart & Doc,DocVQA,avg_acc_pct,ZOOTER,77.61
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Oracle,0.18
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Strongest,2.18
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,KNN,0.15
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,PRkNN,0.18
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,OVR,1.22
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,K-means,1.25
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,Linear,0.14
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,MLP,0.15
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,CosineCls,1.12
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,RouterDC,1.29
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,VLC,0.16
A6,inf,Chart & Doc,DocVQA,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,Oracle,99.06
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,Strongest,89.2
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,Cheapest,80.28
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,KNN,77.0
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,PRkNN,81.22
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,OVR,85.92
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,K-means,79.34
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,Linear,75.59
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,MLP,75.12
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,CosineCls,92.49
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,RouterDC,92.49
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,VLC,77.0
A6,inf,Chart & Doc,OCRBench,avg_acc_pct,ZOOTER,76.53
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Oracle,0.23
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Strongest,2.41
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,KNN,0.16
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,PRkNN,0.19
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,OVR,1.44
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,K-means,0.96
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,Linear,0.15
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,MLP,0.17
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,CosineCls,1.58
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,RouterDC,1.68
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,VLC,0.15
A6,inf,Chart & Doc,OCRBench,avg_cost_usd_per_10k,ZOOTER,0.14
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,Oracle,89.46
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,Strongest,73.85
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,Cheapest,72.13
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,KNN,70.98
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,PRkNN,72.13
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,OVR,67.05
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,K-means,66.09
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,Linear,70.69
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,MLP,71.17
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,CosineCls,68.58
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,RouterDC,68.68
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,VLC,69.83
A6,inf,Chart & Doc,TextVQA,avg_acc_pct,ZOOTER,69.83
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Oracle,0.18
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Strongest,2.15
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Cheapest,0.13
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,KNN,0.14
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,PRkNN,0.16
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,OVR,1.12
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,K-means,1.81
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,Linear,0.13
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,MLP,0.13
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,CosineCls,1.66
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,RouterDC,1.81
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,VLC,0.14
A6,inf,Chart & Doc,TextVQA,avg_cost_usd_per_10k,ZOOTER,0.13
A6,inf,Average,All Datasets,avg_acc_pct,Oracle,95.6
A6,inf,Average,All Datasets,avg_acc_pct,Strongest,78.01
A6,inf,Average,All Datasets,avg_acc_pct,Cheapest,62.43
A6,inf,Average,All Datasets,avg_acc_pct,KNN,66.26
A6,inf,Average,All Datasets,avg_acc_pct,PRkNN,70.68
A6,inf,Average,All Datasets,avg_acc_pct,OVR,75.49
A6,inf,Average,All Datasets,avg_acc_pct,K-means,70.01
A6,inf,Average,All Datasets,avg_acc_pct,Linear,62.92
A6,inf,Average,All Datasets,avg_acc_pct,MLP,65.93
A6,inf,Average,All Datasets,avg_acc_pct,CosineCls,77.49
A6,inf,Average,All Datasets,avg_acc_pct,RouterDC,78.23
A6,inf,Average,All Datasets,avg_acc_pct,VLC,63.87
A6,inf,Average,All Datasets,avg_acc_pct,ZOOTER,60.43
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,Oracle,0.37
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,Strongest,2.72
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,Cheapest,0.14
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,KNN,0.38
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,PRkNN,0.41
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,OVR,2.18
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,K-means,2.21
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,Linear,0.28
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,MLP,0.33
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,CosineCls,3.49
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,RouterDC,3.46
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,VLC,0.28
A6,inf,Average,All Datasets,avg_cost_usd_per_10k,ZOOTER,0.16
A6,inf,Average,All Datasets,rank_score,Oracle,93.68
A6,inf,Average,All Datasets,rank_score,Strongest,68.88
A6,inf,Average,All Datasets,rank_score,Cheapest,64.63
A6,inf,Average,All Datasets,rank_score,KNN,67.13
A6,inf,Average,All Datasets,rank_score,PRkNN,71.09
A6,inf,Average,All Datasets,rank_score,OVR,68.92
A6,inf,Average,All Datasets,rank_score,K-means,64.62
A6,inf,Average,All Datasets,rank_score,Linear,64.41
A6,inf,Average,All Datasets,rank_score,MLP,67.04
A6,inf,Average,All Datasets,rank_score,CosineCls,65.61
A6,inf,Average,All Datasets,rank_score,RouterDC,66.56
A6,inf,Average,All Datasets,rank_score,VLC,65.33
A6,inf,Average,All Datasets,rank_score,ZOOTER,62.58
"""#
}
