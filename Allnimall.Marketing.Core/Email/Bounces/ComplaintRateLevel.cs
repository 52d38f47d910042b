namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>Gmail's thresholds for spam complaints: under 0.1 % normal, from 0.1 % a warning, from 0.3 % email campaigns pause.</summary>
public enum ComplaintRateLevel { Normal, Warning, Critical }
