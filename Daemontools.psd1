@{
    RootModule           = 'Daemontools.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'b3794415-2f3f-497e-887a-4b85271f076e'
    Author               = 'The Daemontools for PowerShell authors'
    CompanyName          = 'Daemontools for PowerShell'
    Copyright            = '(c) The Daemontools for PowerShell authors. MIT License.'
    Description          = 'daemontools 0.76 reimplemented in C#: binary cmdlets (Get-SvStat, Invoke-Svc, Write-Multilog, ConvertFrom-Tai64N, ...) and NativeAOT compatibility programs (svscan, supervise, svc, multilog, tai64n, ...) over one engine.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    TypesToProcess       = @('Daemontools.Types.ps1xml')
    FormatsToProcess     = @(
        'Daemontools.Format.ps1xml'
        'Daemontools.Supervision.Format.ps1xml'
        'Daemontools.Logging.Format.ps1xml'
        'Daemontools.Scanning.Format.ps1xml'
    )
    # Exports are listed one per line, never with wildcards.
    CmdletsToExport      = @(
        'ConvertFrom-Tai64N'
        'ConvertTo-Tai64N'
        'Get-SvStat'
        'Invoke-Svc'
        'Test-SvOk'
        'Wait-SvStat'
        'Write-Multilog'
        'Get-MultilogEntry'
        'Start-SvScan'
        'Stop-SvScan'
        'Get-EnvDir'
        'Invoke-EnvDir'
        'Invoke-SetLock'
        'Invoke-SetUidGid'
        'Invoke-SoftLimit'
        'New-SvService'
        'Enable-SvService'
        'Disable-SvService'
        'Remove-SvService'
        'Start-SvService'
        'Stop-SvService'
        'Restart-SvService'
        'Suspend-SvService'
        'Resume-SvService'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('daemontools', 'supervision', 'svscan', 'supervise', 'multilog', 'tai64n', 'Linux')
            LicenseUri = 'https://opensource.org/licenses/MIT'
            ProjectUri = 'https://github.com/daemontools-powershell/daemontools'
        }
    }
}
