# What the Pester suites share: the repository's paths, service trees in temp folders, bounded
# waits, process facts from /proc, new pwsh processes, and cleanup by pid. Import it in BeforeAll:
#   Import-Module (Join-Path $PSScriptRoot 'Support/TestSupport.psm1') -Force

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path

function Get-RepoRoot { $script:RepoRoot }

function Get-BuiltModule {
    # The module the build laid out (out/Daemontools), which the suites test.
    Join-Path $script:RepoRoot 'out/Daemontools/Daemontools.psd1'
}

function New-TestTree {
    # A temp folder with a scan directory 'service' in it; returns the folder.
    $tree = Join-Path ([IO.Path]::GetTempPath()) ('dt-pester-' + [guid]::NewGuid())
    New-Item -ItemType Directory -Path (Join-Path $tree 'service') | Out-Null
    $tree
}

function New-TestService([string] $Dir, [string] $Run, [string] $LogRun) {
    New-Item -ItemType Directory -Path $Dir -Force | Out-Null
    Set-Content -Path (Join-Path $Dir 'run') -Value "#!/bin/sh`n$Run"
    chmod 755 (Join-Path $Dir 'run')
    if ($LogRun) {
        New-Item -ItemType Directory -Path (Join-Path $Dir 'log') -Force | Out-Null
        Set-Content -Path (Join-Path $Dir 'log/run') -Value "#!/bin/sh`n$LogRun"
        chmod 755 (Join-Path $Dir 'log/run')
    }
}

function Wait-Until([scriptblock] $Condition, [string] $What = "$Condition", [int] $Seconds = 30) {
    # Polls a condition with a bound (CI is a slow, shared machine); throws naming what it awaited.
    # The condition is looked at once more when the time is up: a pass that itself outlasted the
    # bound on a loaded machine must not fail a condition that holds.
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) {
            if (& $Condition) { return }
            throw "timed out after $Seconds s waiting for $What"
        }
        Start-Sleep -Milliseconds 20
    }
}

# /proc is read with .NET calls, not cmdlets: a loaded CI machine has thousands of processes, and
# Get-ChildItem/Get-Content over them took tens of seconds a pass.

function Read-ProcessStatField([string] $StatPath) {
    # The fields of a /proc/PID/stat after the command name (0 = state, 1 = parent, 3 = session), or $null when the process is gone.
    try { $text = [IO.File]::ReadAllText($StatPath) } catch { return $null }
    $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
}

function Get-ProcessStat([int] $ProcessId) {
    # State letter (R, S, Z, ...), parent and session of a process from /proc, or $null when no process has the pid.
    $fields = Read-ProcessStatField "/proc/$ProcessId/stat"
    if (-not $fields) { return $null }
    [pscustomobject]@{ State = $fields[0]; Parent = [int]$fields[1]; Session = [int]$fields[3] }
}

function Get-ProcessExecutable([int] $ProcessId) {
    try { [IO.FileInfo]::new("/proc/$ProcessId/exe").LinkTarget } catch { $null }
}

function Find-LiveProcess([int] $Field, [int] $Value) {
    # Pids of live (non-zombie) processes whose stat field $Field (see Read-ProcessStatField) is $Value.
    foreach ($proc in [IO.Directory]::EnumerateDirectories('/proc')) {
        $id = 0
        if (-not [int]::TryParse([IO.Path]::GetFileName($proc), [ref] $id)) { continue }
        $fields = Read-ProcessStatField "$proc/stat"
        if ($fields -and $fields[0] -ne 'Z' -and [int]$fields[$Field] -eq $Value) { $id }
    }
}

function Get-SessionMember([int] $Session) {
    # Live (non-zombie) processes of a session.
    Find-LiveProcess 3 $Session
}

function Get-ChildProcess([int] $Parent) {
    # Live (non-zombie) children of a process.
    Find-LiveProcess 1 $Parent
}

function Stop-Session([int] $Session) {
    # Cleanup: SIGKILL every process of the session, by pid, until none is left.
    if ($Session -le 1) { return }
    Wait-Until {
        $left = @(Get-SessionMember $Session)
        foreach ($id in $left) { kill -9 $id 2>$null }
        $left.Count -eq 0
    } "session $Session to be empty"
}

function Get-PwshCommand {
    # The pwsh running the suite, as a command for a new process: a dotnet global tool runs as
    # `dotnet pwsh.dll` under a launcher process, which would stand between a test and its pwsh.
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return @($exe, [Reflection.Assembly]::GetEntryAssembly().Location)
    }
    @($exe)
}

function Start-TestPwsh {
    # Starts `pwsh -NoProfile -NonInteractive -Command $Command` with stdout and stderr in files;
    # returns the System.Diagnostics.Process (its Id is pwsh's own pid) and the two file paths.
    param([string] $Command, [hashtable] $Environment = @{}, [string] $Folder = [IO.Path]::GetTempPath())
    $pwsh = Get-PwshCommand
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)) { $info.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $readers = @(
        $process.StandardOutput.ReadToEndAsync()
        $process.StandardError.ReadToEndAsync()
    )
    [pscustomobject]@{ Process = $process; Id = $process.Id; Output = $readers[0]; Error = $readers[1] }
}

function Wait-TestPwsh($Started, [int] $Seconds = 120) {
    # Waits for a Start-TestPwsh process to exit; returns its exit code, stdout and stderr.
    if (-not $Started.Process.WaitForExit($Seconds * 1000)) {
        $Started.Process.Kill($true)
        throw "pwsh (pid $($Started.Id)) did not exit within $Seconds s: $($Started.Error.Result)"
    }
    $Started.Process.WaitForExit()
    [pscustomobject]@{ ExitCode = $Started.Process.ExitCode; Output = $Started.Output.Result; Error = $Started.Error.Result }
}

function Invoke-TestPwsh([string] $Command, [hashtable] $Environment = @{}, [int] $Seconds = 120) {
    # Runs a command in a new pwsh and waits for it.
    Wait-TestPwsh (Start-TestPwsh -Command $Command -Environment $Environment) $Seconds
}

Export-ModuleMember -Function *
